using System.Globalization;
using FlexMigrate.IntegrationTests.Infrastructure;
using FlexMigrate.Orchestration.Contracts;
using FlexMigrate.Orchestration.Online;
using Microsoft.DurableTask.Testing;

namespace FlexMigrate.IntegrationTests.Online;

/// <summary>
/// The whole online migration on the real pair with the real activities: a write workload runs on the source during
/// the copy and during replication (with a binlog rotation), then the cutover sets the source read-only, drains,
/// creates triggers and events, and validates. The target must equal the source by an independent comparison.
/// </summary>
public sealed class OnlineMigrationTests
{
    private const string Db = "fm_online_e2e";
    private const string AccountsCounter = $"SELECT AUTO_INCREMENT FROM information_schema.TABLES WHERE TABLE_SCHEMA = '{Db}' AND TABLE_NAME = 'accounts'";

    [Fact]
    public async Task Target_equals_source_after_cutover_under_a_concurrent_write_workload()
    {
        await ServerPair.ResetDatabasesAsync(Db);
        await ServerPair.ExecSourceAsync(OnlineWorkload.Schema(Db));
        var workload = new OnlineWorkload(Db, seed: 7);
        using var stop = new CancellationTokenSource();
        var writes = Task.Run(() => workload.RunAsync(stop.Token));
        try
        {
            await using var host = await InProcessMigration.StartHostAsync();
            var request = InProcessMigration.Request([Db], new MigrationOptions(
                Mode: MigrationMode.Online, Parallelism: 4, ChunkRows: 250, ApplyBatchSeconds: 2, CutoverPollMilliseconds: 200));
            var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(OnlineMigrationOrchestrator), new OnlineMigrationInput(request));

            await WaitForStatusAsync(host, id, writes, s => s.Replication is { CaughtUp: true });
            await ServerPair.ExecSourceAsync("FLUSH BINARY LOGS");
            await Task.Delay(TimeSpan.FromSeconds(3));
            var replicating = await WaitForStatusAsync(host, id, writes, s => s.Replication is { TransactionsApplied: > 0 });
            Assert.Equal(MigrationPhase.Replicating, replicating.Phase);

            await stop.CancelAsync();
            await writes;
            // An insert rolled back takes an id and leaves nothing in the binlog: only the cutover's counter sync can
            // carry it to the target. It also settles the source's counter: after an UPDATE that set the
            // AUTO_INCREMENT column, MariaDB persists the next value and adds one more when it reopens the table
            // (dictionary eviction or restart; measured on 10.11), so a counter read later could be one higher than
            // the one the cutover read. An insert persists the value it took, which reopens to the same counter.
            await ServerPair.ExecSourceAsync($"BEGIN; INSERT INTO {Db}.accounts (email, balance) VALUES ('rolled-back@example.com', 0); ROLLBACK");
            var sourceCounter = await ServerPair.ScalarAsync(ServerPair.SourceConnectionString, AccountsCounter);
            await host.Client.RaiseEventAsync(id, OnlineMigrationOrchestrator.CutoverEvent, new CutoverRequest(StopWritesMode.ReadOnly, 120, "test"));
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            var report = InProcessMigration.ReportOf(await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token));

            Assert.True(report.Outcome == MigrationOutcome.Succeeded, $"{report.Outcome}: " + string.Join(" | ",
                report.Validation?.Tables.Where(t => t.Status != Core.Validation.TableStatus.Equal).Select(t => $"{t.Table} {t.Status} {t.Message} missing={string.Join(",", t.Missing.Keys.Take(5))} extra={string.Join(",", t.Extra.Keys.Take(5))} changed={string.Join(",", t.Changed.Rows.Take(5).Select(r => r.Key + ":" + string.Join("/", r.Columns)))}") ?? [])
                + string.Join(" | ", report.Validation?.Schema.Differences.Select(d => $"{d.ObjectType} {d.Name} {d.Kind}") ?? []));
            var replication = report.Replication!;
            Assert.True(workload.Operations > 50, $"only {workload.Operations} operations ran");
            Assert.True(replication.Totals.CascadedRows > 0, "no cascade was replayed");
            Assert.True(replication.Totals.RowsDeleted > 0 && replication.Totals.RowsUpdated > 0 && replication.Totals.RowsInserted > 0);
            Assert.True(replication.SourceLeftReadOnly);
            Assert.Equal(1L, Convert.ToInt64(await ServerPair.ScalarAsync(ServerPair.SourceConnectionString, "SELECT @@GLOBAL.read_only"), CultureInfo.InvariantCulture));

            foreach (var table in OnlineWorkload.Tables)
            {
                var source = await TableFingerprint.OfAsync(ServerPair.SourceConnectionString, Db, table);
                var target = await TableFingerprint.OfAsync(ServerPair.TargetConnectionString, Db, table);
                Assert.True(source == target, $"{table}: source {source} target {target}");
            }

            foreach (var sql in new[]
            {
                $"SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = '{Db}'",
                $"SELECT COUNT(*) FROM information_schema.EVENTS WHERE EVENT_SCHEMA = '{Db}'",
                AccountsCounter,
                $"SELECT COUNT(*) FROM information_schema.TABLE_CONSTRAINTS WHERE TABLE_SCHEMA = '{Db}' AND CONSTRAINT_TYPE IN ('UNIQUE', 'FOREIGN KEY')",
            })
            {
                Assert.Equal(await ServerPair.ScalarAsync(ServerPair.SourceConnectionString, sql), await ServerPair.ScalarAsync(ServerPair.TargetConnectionString, sql));
            }

            Assert.Equal(sourceCounter, await ServerPair.ScalarAsync(ServerPair.TargetConnectionString, AccountsCounter));

            // The applier's checkpoint is gone (the state database itself may remain for other running migrations).
            if (Convert.ToInt64(await ServerPair.ScalarAsync(ServerPair.TargetConnectionString,
                "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'flexmigrate_state'"), CultureInfo.InvariantCulture) > 0)
            {
                Assert.Equal(0L, Convert.ToInt64(await ServerPair.ScalarAsync(ServerPair.TargetConnectionString,
                    $"SELECT COUNT(*) FROM flexmigrate_state.replication_checkpoint WHERE migration_id = '{id}'"), CultureInfo.InvariantCulture));
            }
        }
        finally
        {
            await stop.CancelAsync();
            await ServerPair.ExecSourceAsync("SET GLOBAL read_only = OFF");
        }
    }

    private static Task<MigrationStatus> WaitForStatusAsync(DurableTaskTestHost host, string id, Task workload, Func<MigrationStatus, bool> condition) =>
        MigrationStatusWaiter.WaitAsync(host.Client, id, condition, TimeSpan.FromMinutes(3), TimeSpan.FromMilliseconds(100), workload);
}
