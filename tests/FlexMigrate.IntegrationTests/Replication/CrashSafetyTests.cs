using System.Text;
using FlexMigrate.Core.Replication;
using FlexMigrate.IntegrationTests.Infrastructure;

namespace FlexMigrate.IntegrationTests.Replication;

/// <summary>
/// A cancelled batch and a killed applier connection lose and double nothing: counters incremented by many small
/// source transactions end exactly right after replay resumes (from the same old `from`), because each target
/// commit carries the checkpoint of the source transactions it contains.
/// </summary>
[Collection(ReplicationTestKit.Collection)]
public sealed class CrashSafetyTests
{
    [Fact]
    public async Task A_batch_cancelled_mid_stream_and_rerun_from_the_old_start_applies_every_change_once()
    {
        const string db = "fm_repl_cancel";
        var p0 = await CreateCountersAsync(db);
        await IncrementAsync(db, 1500);
        var end = await ReplicationTestKit.SourceEndAsync();
        var applier = ReplicationTestKit.Applier("fm_repl_cancel", new ReplicationScope([db], [], []), group: 7);
        await applier.DropStateAsync();
        var from = new ReplicationCheckpoint(p0, null);

        using (var cancel = new CancellationTokenSource())
        {
            var batch = applier.ApplyAsync(from, cancel.Token);
            await WaitForProgressAsync(applier, p0);
            await cancel.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => batch);
        }

        var partial = await applier.ReadCheckpointAsync();
        Assert.True(partial!.Position > p0 && partial.Position < end, $"cancelled mid-stream at {partial.Position} (start {p0}, end {end})");
        await ReplicationTestKit.ApplyUntilAsync(applier, from, end);

        await AssertCountsAsync(db, 1500);
    }

    [Fact]
    public async Task A_killed_target_connection_resumes_from_the_checkpoint_without_loss_or_duplicates()
    {
        const string db = "fm_repl_kill";
        var p0 = await CreateCountersAsync(db);
        await IncrementAsync(db, 3000);
        var end = await ReplicationTestKit.SourceEndAsync();
        var applier = ReplicationTestKit.Applier("fm_repl_kill", new ReplicationScope([db], [], []), group: 3);
        await applier.DropStateAsync();
        var from = new ReplicationCheckpoint(p0, null);

        var batch = applier.ApplyAsync(from);
        await WaitForProgressAsync(applier, p0);
        var killed = applier.TargetConnectionId;
        await ServerPair.ExecTargetAsync($"KILL CONNECTION {killed}");
        var first = await batch;
        Assert.Equal(1, applier.Reconnects);
        await ReplicationTestKit.ApplyUntilAsync(applier, first.Checkpoint, end);

        Assert.NotEqual(killed, applier.TargetConnectionId);
        await AssertCountsAsync(db, 3000);
    }

    private static async Task<Core.Binlog.BinlogPosition> CreateCountersAsync(string db)
    {
        await ServerPair.ResetDatabasesAsync(db);
        const string table = "CREATE TABLE c (id INT PRIMARY KEY, n BIGINT NOT NULL, note VARCHAR(20))";
        await ServerPair.ExecSourceAsync($"CREATE DATABASE {db}; USE {db}; {table}; INSERT INTO c VALUES (1, 0, NULL), (2, 0, NULL), (3, 0, NULL)");
        await ServerPair.ExecTargetAsync($"CREATE DATABASE {db}; USE {db}; {table}; INSERT INTO c VALUES (1, 0, NULL), (2, 0, NULL), (3, 0, NULL)");
        return await ReplicationTestKit.SourceEndAsync();
    }

    // One autocommit transaction per increment, rotating over the three rows, plus an insert/delete pair every 100.
    private static async Task IncrementAsync(string db, int count)
    {
        var sql = new StringBuilder($"USE {db};");
        for (var i = 0; i < count; i++)
        {
            sql.Append("UPDATE c SET n = n + 1 WHERE id = ").Append((i % 3) + 1).Append(';');
            if (i % 100 == 50)
            {
                sql.Append("INSERT INTO c VALUES (").Append(100 + i).Append(", 0, 'tmp'); DELETE FROM c WHERE id = ").Append(100 + i).Append(';');
            }
        }

        await ServerPair.ExecSourceAsync(sql.ToString());
    }

    // Until the stored checkpoint has moved past the start (parallel apply stores the start itself before its first window).
    private static async Task WaitForProgressAsync(ReplicationApplier applier, Core.Binlog.BinlogPosition start)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while ((await applier.ReadCheckpointAsync(timeout.Token)) is not { } checkpoint || checkpoint.Position <= start || applier.TargetConnectionId == 0)
        {
            await Task.Delay(5, timeout.Token);
        }
    }

    private static async Task AssertCountsAsync(string db, int total)
    {
        for (var id = 1; id <= 3; id++)
        {
            var expected = (total / 3) + (id <= total % 3 ? 1 : 0);
            Assert.Equal(expected, await ReplicationTestKit.CountAsync(ServerPair.TargetConnectionString, $"SELECT n FROM {db}.c WHERE id = {id}"));
        }

        Assert.Equal(3, await ReplicationTestKit.CountAsync(ServerPair.TargetConnectionString, $"SELECT COUNT(*) FROM {db}.c"));
        await ReplicationTestKit.AssertSameAsync(db, "c");
    }
}
