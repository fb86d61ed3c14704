using System.Globalization;
using FlexMigrate.IntegrationTests.Infrastructure;
using FlexMigrate.Orchestration.Contracts;
using FlexMigrate.Orchestration.Control;
using FlexMigrate.Orchestration.Online;
using Microsoft.DurableTask.Testing;
using MySqlConnector;

namespace FlexMigrate.IntegrationTests.Online;

/// <summary>
/// Rollback after cutover on the real pair (issue 16): an online migration with reverseAfterCutover cuts over, the
/// target takes writes (inserts, key-changing updates, cascading deletes, a trigger, DDL) that replicate back to the
/// old source, then <c>rollback</c> makes the old source the primary again, or <c>finish</c> ends with the target
/// final. Source and target are compared by an independent fingerprint; the audit trigger must have fired once per
/// write (on the target, never again on the old source).
/// </summary>
[Collection(ReverseCollection.Name)]
public sealed class RollbackTests
{
    private const string AppUser = "fm_rollback_app";

    /// <summary>One connection, strictly in order, and four parallel lanes (--apply-threads), in both directions.</summary>
    public static TheoryData<int> ApplyThreads => [1, 4];

    [Theory]
    [MemberData(nameof(ApplyThreads))]
    public async Task Rollback_brings_every_target_write_back_and_a_rollback_that_cannot_drain_is_undone_first(int applyThreads)
    {
        const string db = "fm_rollback_e2e";
        await using var host = await InProcessMigration.StartHostAsync();
        var id = await CutOverAsync(host, db, applyThreads);
        try
        {
            // Writes on the new primary: the workload (its trigger fills audit on the target only), DDL, a table created there.
            var workload = new OnlineWorkload(db, seed: 11, ServerPair.TargetConnectionString, keyBase: 2_000_000);
            using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(6)))
            {
                await workload.RunAsync(stop.Token);
            }

            await ServerPair.ExecTargetAsync($"""
                ALTER TABLE {db}.parent ADD COLUMN extra INT NULL;
                UPDATE {db}.parent SET extra = id % 7;
                CREATE TABLE {db}.bulk (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, v VARCHAR(40) NOT NULL);
                """);
            var created = DateTime.UtcNow.AddMinutes(2);
            while (await CountAsync(ServerPair.SourceConnectionString,
                $"SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '{db}' AND TABLE_NAME = 'bulk'") == 0 && DateTime.UtcNow < created)
            {
                await Task.Delay(100);
            }

            // A backlog the rollback cannot drain in one second, however fast replay is: reverse replication is paused
            // first (`control pause`; a cutover's or rollback's drain is never paused), so the 40 transactions of 5,000
            // rows wait for the rollback's drain, and the old source's table is locked by another session until 3 s after
            // the rollback is asked, so the drain reaches the final position only after the 1 s timeout. (Unpaused, the
            // batch in flight applied the backlog before the rollback began, or blocked on the lock and held the event
            // back until the lock went, and the rollback then had nothing left to drain and succeeded.)
            await host.Client.RaiseEventAsync(id, ControlChanges.EventName, new ControlRequest("pause", RequestedBy: "test"));
            await WaitForStatusAsync(host, id, s => s.Throttle is { Paused: true });
            await using (var locker = new MySqlConnection(ServerPair.SourceConnectionString))
            {
                await locker.OpenAsync();
                await using (var lockTable = new MySqlCommand($"LOCK TABLES {db}.bulk WRITE", locker))
                {
                    await lockTable.ExecuteNonQueryAsync();
                }

                for (var i = 0; i < 40; i++)
                {
                    await ServerPair.ExecTargetAsync($"USE {db}; INSERT INTO bulk (v) SELECT CONCAT('row-', seq) FROM seq_1_to_5000");
                }

                await host.Client.RaiseEventAsync(id, OnlineMigrationOrchestrator.RollbackEvent, new CutoverRequest(StopWritesMode.ReadOnly, 1, "too-short"));
                await Task.Delay(TimeSpan.FromSeconds(3));
                await using var unlock = new MySqlCommand("UNLOCK TABLES", locker);
                await unlock.ExecuteNonQueryAsync();
            }

            var undone = await WaitForStatusAsync(host, id, s => s.Phase == MigrationPhase.ReplicatingBack && s.Replication?.LastCutoverError is not null);
            Assert.Contains("the target's final position", undone.Replication!.LastCutoverError, StringComparison.Ordinal);
            Assert.Contains("cutover timeout", undone.Replication.LastCutoverError, StringComparison.Ordinal);
            Assert.Equal(0L, await ReadOnlyAsync(ServerPair.TargetConnectionString));
            Assert.Equal(1L, await ReadOnlyAsync(ServerPair.SourceConnectionString));
            Assert.Equal(0L, await CountAsync(ServerPair.SourceConnectionString, $"SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = '{db}'"));
            await host.Client.RaiseEventAsync(id, ControlChanges.EventName, new ControlRequest("unpause", RequestedBy: "test"));

            // Writes go on after the undone attempt, then the retry succeeds.
            await ServerPair.ExecTargetAsync($"UPDATE {db}.accounts SET balance = balance + 5 WHERE id % 50 = 0; DELETE FROM {db}.parent WHERE id BETWEEN 10 AND 20");
            await host.Client.RaiseEventAsync(id, OnlineMigrationOrchestrator.RollbackEvent, new CutoverRequest(StopWritesMode.ReadOnly, 300, "retry"));
            var report = await CompletedReportAsync(host, id);

            Assert.True(report.Outcome == MigrationOutcome.RolledBack, $"{report.Outcome}: {report.Failure} " + string.Join(" | ",
                report.Validation?.Tables.Where(t => t.Status != Core.Validation.TableStatus.Equal).Select(t => $"{t.Table} {t.Status} {t.Message}") ?? []));
            var reverse = report.Reverse!;
            Assert.Equal(2, reverse.CutoverAttempts);
            Assert.Equal("retry", reverse.RequestedBy);
            Assert.True(reverse.SourceLeftReadOnly, "the rollback set the target read-only");
            Assert.True(reverse.DowntimeSeconds > 0 && reverse.DowntimeSeconds < 120, $"downtime {reverse.DowntimeSeconds}");
            Assert.True(reverse.Totals.RowsInserted >= 200_000 && reverse.Totals.RowsDeleted > 0 && reverse.Totals.RowsUpdated > 0 && reverse.Totals.CascadedRows > 0,
                $"reverse totals {reverse.Totals}");
            Assert.Equal("test", report.Replication!.RequestedBy);

            foreach (var table in OnlineWorkload.Tables.Append("bulk"))
            {
                var source = await TableFingerprint.OfAsync(ServerPair.SourceConnectionString, db, table);
                var target = await TableFingerprint.OfAsync(ServerPair.TargetConnectionString, db, table);
                Assert.True(source == target, $"{table}: source {source} target {target}");
            }

            // The trigger fired exactly once per balance update: on the target (audit rows came back as rows), never on the old source.
            var audited = await CountAsync(ServerPair.TargetConnectionString, $"SELECT COUNT(*) FROM {db}.audit");
            Assert.True(audited > 0, "the workload updated no balance");
            Assert.Equal(audited, await CountAsync(ServerPair.SourceConnectionString, $"SELECT COUNT(*) FROM {db}.audit"));

            // The old source is the primary again: writable, triggers and events back, AUTO_INCREMENT at least the target's.
            Assert.Equal(0L, await ReadOnlyAsync(ServerPair.SourceConnectionString));
            Assert.Equal(1L, await ReadOnlyAsync(ServerPair.TargetConnectionString));
            foreach (var sql in new[]
            {
                $"SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = '{db}'",
                $"SELECT COUNT(*) FROM information_schema.EVENTS WHERE EVENT_SCHEMA = '{db}'",
                $"SELECT AUTO_INCREMENT FROM information_schema.TABLES WHERE TABLE_SCHEMA = '{db}' AND TABLE_NAME = 'bulk'",
            })
            {
                Assert.Equal(await CountAsync(ServerPair.TargetConnectionString, sql), await CountAsync(ServerPair.SourceConnectionString, sql));
            }

            // The application's account (no SUPER or READ_ONLY ADMIN) writes to the old source again, and the trigger fires there once.
            await ServerPair.ExecSourceAsync($"""
                DROP USER IF EXISTS '{AppUser}'@'%';
                CREATE USER '{AppUser}'@'%' IDENTIFIED BY 'app-pw-1';
                GRANT SELECT, INSERT, UPDATE, DELETE ON {db}.* TO '{AppUser}'@'%';
                """);
            var app = new MySqlConnectionStringBuilder(ServerPair.SourceConnectionString) { UserID = AppUser, Password = "app-pw-1" }.ConnectionString;
            var auditBefore = await CountAsync(ServerPair.SourceConnectionString, $"SELECT COUNT(*) FROM {db}.audit");
            await ServerPair.ExecAsync(app, $"INSERT INTO {db}.bulk (v) VALUES ('after-rollback'); UPDATE {db}.accounts SET balance = balance + 1 WHERE id = (SELECT MIN(id) FROM (SELECT id FROM {db}.accounts) a)");
            Assert.Equal(auditBefore + 1, await CountAsync(ServerPair.SourceConnectionString, $"SELECT COUNT(*) FROM {db}.audit"));
            Assert.Equal(0L, await CheckpointRowsAsync(ServerPair.SourceConnectionString, id));
        }
        finally
        {
            await RestoreAsync();
        }
    }

    [Fact]
    public async Task Finish_leaves_the_target_final_the_old_source_whole_and_no_checkpoint()
    {
        const string db = "fm_rollback_finish";
        await using var host = await InProcessMigration.StartHostAsync();
        var id = await CutOverAsync(host, db);
        try
        {
            Assert.Equal(0L, await CountAsync(ServerPair.SourceConnectionString, $"SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = '{db}'"));
            await ServerPair.ExecTargetAsync($"INSERT INTO {db}.parent VALUES (3000001, 'on-target'); UPDATE {db}.accounts SET balance = 7 WHERE id = 5");
            // Replicated back while the old source stays read-only to everyone but the applier.
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (await CountAsync(ServerPair.SourceConnectionString, $"SELECT COUNT(*) FROM {db}.accounts WHERE id = 5 AND balance = 7") == 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }

            Assert.Equal(1L, await CountAsync(ServerPair.SourceConnectionString, $"SELECT COUNT(*) FROM {db}.parent WHERE id = 3000001"));
            Assert.Equal(1L, await CheckpointRowsAsync(ServerPair.SourceConnectionString, id));

            await host.Client.RaiseEventAsync(id, OnlineMigrationOrchestrator.FinishEvent, new CutoverRequest(RequestedBy: "test"));
            var report = await CompletedReportAsync(host, id);

            Assert.Equal(MigrationOutcome.Succeeded, report.Outcome);
            Assert.NotNull(report.Reverse);
            Assert.True(report.Reverse.Totals.Transactions >= 2, $"reverse totals {report.Reverse.Totals}");
            Assert.Equal(0L, await CheckpointRowsAsync(ServerPair.SourceConnectionString, id));
            Assert.Equal(1L, await ReadOnlyAsync(ServerPair.SourceConnectionString));
            Assert.Equal(0L, await ReadOnlyAsync(ServerPair.TargetConnectionString));
            Assert.Equal(1L, await CountAsync(ServerPair.SourceConnectionString, $"SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = '{db}'"));
            // Nothing runs any more: the instance completed, so a late rollback is refused by the engine's state, not acted on.
            var meta = await host.Client.GetInstanceAsync(id);
            Assert.Equal(Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Completed, meta!.RuntimeStatus);
        }
        finally
        {
            await RestoreAsync();
        }
    }

    /// <summary>An online migration with reverseAfterCutover under a source workload, cut over; returns once it replicates back.</summary>
    internal static async Task<string> CutOverAsync(DurableTaskTestHost host, string db, int applyThreads = 1)
    {
        await RestoreAsync();
        await ServerPair.ResetDatabasesAsync(db);
        await ServerPair.ExecSourceAsync(OnlineWorkload.Schema(db));
        var workload = new OnlineWorkload(db, seed: 7);
        using var stop = new CancellationTokenSource();
        var writes = Task.Run(() => workload.RunAsync(stop.Token));
        var request = Request(db, applyThreads);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(OnlineMigrationOrchestrator), new OnlineMigrationInput(request));
        await MigrationStatusWaiter.WaitAsync(host.Client, id, s => s.Replication is { CaughtUp: true }, TimeSpan.FromMinutes(4), TimeSpan.FromMilliseconds(100), writes);
        await stop.CancelAsync();
        await writes;
        await host.Client.RaiseEventAsync(id, OnlineMigrationOrchestrator.CutoverEvent, new CutoverRequest(StopWritesMode.ReadOnly, 120, "test"));
        var back = await WaitForStatusAsync(host, id, s => s.Phase == MigrationPhase.ReplicatingBack && s.Replication?.Direction == ReplicationDirection.Reverse
            && s.Replication.CutoverStep is null);
        Assert.Null(back.Replication!.LastCutoverError);
        Assert.Equal(1L, await ReadOnlyAsync(ServerPair.SourceConnectionString));
        return id;
    }

    /// <summary>The migration these tests run: online with reverseAfterCutover, small batches and a quick cutover poll.</summary>
    internal static MigrationRequest Request(string db, int applyThreads = 1) => InProcessMigration.Request([db], new MigrationOptions(
        Mode: MigrationMode.Online, Parallelism: 4, ChunkRows: 500, ApplyBatchSeconds: 2, CutoverPollMilliseconds: 200, ReverseAfterCutover: true,
        ApplyThreads: applyThreads));

    internal static async Task RestoreAsync()
    {
        await ServerPair.ExecSourceAsync("SET GLOBAL read_only = OFF");
        await ServerPair.ExecTargetAsync("SET GLOBAL read_only = OFF");
    }

    internal static async Task<long> ReadOnlyAsync(string connectionString) => await CountAsync(connectionString, "SELECT @@GLOBAL.read_only");

    internal static async Task<long> CountAsync(string connectionString, string sql) =>
        Convert.ToInt64(await ServerPair.ScalarAsync(connectionString, sql) ?? 0L, CultureInfo.InvariantCulture);

    internal static async Task<long> CheckpointRowsAsync(string connectionString, string id) =>
        await CountAsync(connectionString, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'flexmigrate_state' AND TABLE_NAME = 'replication_checkpoint'") == 0
            ? 0
            : await CountAsync(connectionString, $"SELECT COUNT(*) FROM flexmigrate_state.replication_checkpoint WHERE migration_id = '{id}'");

    internal static Task<MigrationStatus> WaitForStatusAsync(DurableTaskTestHost host, string id, Func<MigrationStatus, bool> condition) =>
        MigrationStatusWaiter.WaitAsync(host.Client, id, condition, TimeSpan.FromMinutes(4), TimeSpan.FromMilliseconds(100));

    internal static async Task<MigrationReport> CompletedReportAsync(DurableTaskTestHost host, string id)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        return InProcessMigration.ReportOf(await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token));
    }
}

/// <summary>
/// The rollback tests switch both servers' global read_only: they run one at a time, after the parallel collections
/// (as the other read_only tests do).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ReverseCollection
{
    public const string Name = "Reverse replication";
}
