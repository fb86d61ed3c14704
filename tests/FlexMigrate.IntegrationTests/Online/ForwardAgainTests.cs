using FlexMigrate.IntegrationTests.Crash;
using FlexMigrate.IntegrationTests.Infrastructure;
using FlexMigrate.Orchestration.Activities;
using FlexMigrate.Orchestration.Contracts;
using FlexMigrate.Orchestration.Online;
using Microsoft.DurableTask.Testing;

namespace FlexMigrate.IntegrationTests.Online;

/// <summary>
/// Forward again after a rollback, without a copy (issue 16), on the real pair: cutover with reverse, writes on the
/// target, rollback, writes on the old source (inserts, key-changing updates that cascade, deletes, a trigger that
/// fires), then a new run of the same migration replicates forward from the rollback's position and cuts over again.
/// The servers are compared row by row by <see cref="DatabaseComparison"/> (SQL hashes on each server), the audit
/// trigger's rows must be equal (fired once per write, never again on the target), triggers and events equal. With the
/// rollback's binlog file purged on the old source, the run is blocked and changes nothing.
/// </summary>
[Collection(ReverseCollection.Name)]
public sealed class ForwardAgainTests
{
    [Fact]
    public async Task Forward_again_replicates_from_the_rollback_position_and_cuts_over_again_without_a_copy()
    {
        const string db = "fm_forward_again";
        await using var host = await InProcessMigration.StartHostAsync();
        var id = await RollbackTests.CutOverAsync(host, db);
        try
        {
            await RollBackAfterTargetWritesAsync(host, db, id);
            var rolledBackFile = await CurrentBinlogAsync();

            // The old source is the primary again: application writes, the trigger firing there.
            await WriteOnSourceAsync(db, seed: 13, keyBase: 3_000_000);
            var again = await StartForwardAgainAsync(host, db, id);
            var replicating = await RollbackTests.WaitForStatusAsync(host, again, s => s.Phase == MigrationPhase.Replicating
                && s.Replication is { Direction: ReplicationDirection.Forward, TransactionsApplied: > 0 });
            // The copy is not redone: replication starts at the rollback's position (in the old source's binlog), caught up from the start.
            Assert.Null(replicating.Replication!.LastApplyError);
            Assert.True(replicating.Replication.CaughtUp);
            Assert.Equal(replicating.Replication.StartPosition, replicating.Replication.CatchUpPosition);
            Assert.StartsWith(rolledBackFile + ":", replicating.Replication.StartPosition, StringComparison.Ordinal);
            Assert.Equal(0L, await CountTriggersAsync(ServerPair.TargetConnectionString, db));
            Assert.Equal(0L, await RollbackTests.ReadOnlyAsync(ServerPair.TargetConnectionString));

            // More source writes while it replicates, then the second cutover (it goes on replicating back, as asked).
            await WriteOnSourceAsync(db, seed: 17, keyBase: 4_000_000);
            await host.Client.RaiseEventAsync(again, OnlineMigrationOrchestrator.CutoverEvent, new CutoverRequest(StopWritesMode.ReadOnly, 300, "again"));
            await RollbackTests.WaitForStatusAsync(host, again, s => s.Phase == MigrationPhase.ReplicatingBack && s.Replication?.CutoverStep is null);
            await host.Client.RaiseEventAsync(again, OnlineMigrationOrchestrator.FinishEvent, new CutoverRequest(RequestedBy: "test"));
            var report = await RollbackTests.CompletedReportAsync(host, again);

            Assert.True(report.Outcome == MigrationOutcome.Succeeded, $"{report.Outcome}: {report.Failure}");
            Assert.Equal("again", report.Replication!.RequestedBy);
            Assert.True(report.Replication.Totals.RowsInserted > 0 && report.Replication.Totals.RowsUpdated > 0 && report.Replication.Totals.RowsDeleted > 0,
                $"forward-again totals {report.Replication.Totals}");
            Assert.Contains(report.Notes, n => n.Object == "forward-again");
            await DatabaseComparison.AssertEqualAsync(db);
            var audited = await RollbackTests.CountAsync(ServerPair.SourceConnectionString, $"SELECT COUNT(*) FROM {db}.audit");
            Assert.Equal(audited, await RollbackTests.CountAsync(ServerPair.TargetConnectionString, $"SELECT COUNT(*) FROM {db}.audit"));
            foreach (var sql in new[]
            {
                $"SELECT GROUP_CONCAT(TRIGGER_NAME, ':', EVENT_MANIPULATION, ':', ACTION_STATEMENT ORDER BY TRIGGER_NAME) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = '{db}'",
                $"SELECT GROUP_CONCAT(EVENT_NAME, ':', EVENT_DEFINITION ORDER BY EVENT_NAME) FROM information_schema.EVENTS WHERE EVENT_SCHEMA = '{db}'",
            })
            {
                var source = await ServerPair.ScalarAsync(ServerPair.SourceConnectionString, sql);
                Assert.NotNull(source);
                Assert.Equal(source, await ServerPair.ScalarAsync(ServerPair.TargetConnectionString, sql));
            }

            // The target is the primary now: one write fires its trigger exactly once.
            await ServerPair.ExecTargetAsync($"UPDATE {db}.accounts SET balance = balance + 1 WHERE id = 9");
            Assert.Equal(audited + 1, await RollbackTests.CountAsync(ServerPair.TargetConnectionString, $"SELECT COUNT(*) FROM {db}.audit"));
            Assert.Equal(0L, await RollbackTests.CheckpointRowsAsync(ServerPair.TargetConnectionString, id));
        }
        finally
        {
            await RollbackTests.RestoreAsync();
        }
    }

    [Fact]
    public async Task Forward_again_is_blocked_and_changes_nothing_when_the_old_source_purged_the_rollback_binlog()
    {
        const string db = "fm_forward_purged";
        await using var host = await InProcessMigration.StartHostAsync();
        var id = await RollbackTests.CutOverAsync(host, db);
        try
        {
            await RollBackAfterTargetWritesAsync(host, db, id);
            var file = await CurrentBinlogAsync();
            await ServerPair.ExecSourceAsync("FLUSH BINARY LOGS");
            var current = await CurrentBinlogAsync();
            // MariaDB skips a file a connected replica still reads (the source's read replica): purge until it is gone.
            var purged = DateTime.UtcNow.AddMinutes(2);
            do
            {
                await ServerPair.ExecSourceAsync($"PURGE BINARY LOGS TO '{current}'");
                await Task.Delay(200);
            }
            while (await BinlogKeptAsync(file) && DateTime.UtcNow < purged);

            Assert.False(await BinlogKeptAsync(file), $"{file} could not be purged");
            var triggersBefore = await CountTriggersAsync(ServerPair.TargetConnectionString, db);

            var again = await StartForwardAgainAsync(host, db, id);
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            var meta = await host.Client.WaitForInstanceCompletionAsync(again, getInputsAndOutputs: true, timeout.Token);
            var report = meta.ReadOutputAs<MigrationReport>()!;

            Assert.Equal(MigrationOutcome.PrecheckBlocked, report.Outcome);
            var finding = Assert.Single(report.Precheck!.Findings);
            Assert.Equal(CheckForwardAgainActivity.Rule, finding.Rule);
            Assert.Contains($"no longer has binlog file {file},", finding.Message, StringComparison.Ordinal);
            Assert.Contains("--drop-existing", finding.Message, StringComparison.Ordinal);
            // Nothing changed: the target keeps its triggers and stays read-only, the old source writable.
            Assert.Equal(triggersBefore, await CountTriggersAsync(ServerPair.TargetConnectionString, db));
            Assert.True(triggersBefore > 0);
            Assert.Equal(1L, await RollbackTests.ReadOnlyAsync(ServerPair.TargetConnectionString));
            Assert.Equal(0L, await RollbackTests.ReadOnlyAsync(ServerPair.SourceConnectionString));
            Assert.Equal(0L, await RollbackTests.CheckpointRowsAsync(ServerPair.TargetConnectionString, id));
        }
        finally
        {
            await RollbackTests.RestoreAsync();
        }
    }

    /// <summary>Writes on the target (workload with its trigger), then a rollback that completes.</summary>
    private static async Task RollBackAfterTargetWritesAsync(DurableTaskTestHost host, string db, string id)
    {
        var workload = new OnlineWorkload(db, seed: 11, ServerPair.TargetConnectionString, keyBase: 2_000_000);
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(4)))
        {
            await workload.RunAsync(stop.Token);
        }

        await host.Client.RaiseEventAsync(id, OnlineMigrationOrchestrator.RollbackEvent, new CutoverRequest(StopWritesMode.ReadOnly, 300, "test"));
        var rolledBack = await RollbackTests.CompletedReportAsync(host, id);
        Assert.True(rolledBack.Outcome == MigrationOutcome.RolledBack, $"{rolledBack.Outcome}: {rolledBack.Failure}");
    }

    /// <summary>
    /// The workload on the old source, plus key-changing updates that cascade, deletes and trigger-firing updates. The
    /// moved keys land 500,000 above <paramref name="keyBase"/>: the workload's own new parents start at keyBase, and a
    /// fast run inserting 30 or more of them in its 4 s collided with keyBase + 30..35 (Duplicate entry '3000034').
    /// </summary>
    private static async Task WriteOnSourceAsync(string db, int seed, int keyBase)
    {
        var workload = new OnlineWorkload(db, seed, ServerPair.SourceConnectionString, keyBase);
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(4)))
        {
            await workload.RunAsync(stop.Token);
        }

        await ServerPair.ExecSourceAsync($"""
            USE {db};
            UPDATE parent SET id = id + {keyBase + 500_000} WHERE id BETWEEN 30 AND 35;
            DELETE FROM parent WHERE id BETWEEN 40 AND 45;
            UPDATE accounts SET balance = balance + 3 WHERE id % 40 = {seed % 40};
            """);
    }

    /// <summary>A new run of the rolled-back migration (what `flexmigrate resume` starts): the same request and migration id.</summary>
    private static Task<string> StartForwardAgainAsync(DurableTaskTestHost host, string db, string id) =>
        host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(OnlineMigrationOrchestrator),
            new OnlineMigrationInput(RollbackTests.Request(db) with { MigrationId = id }),
            new Microsoft.DurableTask.StartOrchestrationOptions($"{id}-again"));

    private static async Task<string> CurrentBinlogAsync()
    {
        await using var source = new MySqlConnector.MySqlConnection(ServerPair.SourceConnectionString);
        await source.OpenAsync();
        await using var command = new MySqlConnector.MySqlCommand("SHOW MASTER STATUS", source);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return reader.GetString(0);
    }

    private static async Task<bool> BinlogKeptAsync(string file)
    {
        await using var source = new MySqlConnector.MySqlConnection(ServerPair.SourceConnectionString);
        await source.OpenAsync();
        await using var command = new MySqlConnector.MySqlCommand("SHOW BINARY LOGS", source);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            if (reader.GetString(0) == file)
            {
                return true;
            }
        }

        return false;
    }

    private static Task<long> CountTriggersAsync(string connectionString, string db) =>
        RollbackTests.CountAsync(connectionString, $"SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = '{db}'");
}
