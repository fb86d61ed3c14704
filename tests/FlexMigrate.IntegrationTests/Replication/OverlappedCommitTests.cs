using System.Text;
using System.Text.RegularExpressions;
using FlexMigrate.Core.Binlog;
using FlexMigrate.Core.Replication;
using FlexMigrate.IntegrationTests.Infrastructure;
using MySqlConnector;

namespace FlexMigrate.IntegrationTests.Replication;

/// <summary>
/// A full group's commit runs on the target while the applier reads and buffers the next group
/// (CheckpointCommitter.StartCommitAsync). What happens to that in-flight commit decides exactness: a session lost
/// under it resumes from the checkpoint that committed and counts each row once; a group the target refuses fails the
/// batch naming that group's binlog range (not the group being buffered when the failure surfaces), with the
/// checkpoint still before it and nothing of it on the target. Thirty one-row source transactions in groups of five:
/// row 17 sits in the fourth group, the target holds it (a lock, a constraint) while later groups are read.
/// </summary>
[Collection(ReplicationTestKit.Collection)]
public sealed class OverlappedCommitTests
{
    private const int Rows = 30;
    private const int Held = 17;

    [Fact]
    public async Task A_target_session_killed_while_a_group_commit_is_in_flight_resumes_from_the_checkpoint_and_counts_every_row_once()
    {
        const string db = "fm_repl_overlap_kill";
        var (p0, end, ends) = await CreateAsync(db);
        var applier = ReplicationTestKit.Applier(db, new ReplicationScope([db], [], []), group: 5, threads: 1);
        await applier.DropStateAsync();

        // Another session's uncommitted insert of the same key: the commit of the group holding row 17 waits on its lock.
        await using var blocker = await ServerPair.OpenTargetAsync();
        var hold = await blocker.BeginTransactionAsync();
        await using (var insert = new MySqlCommand($"INSERT INTO {db}.t VALUES ({Held}, -1)", blocker, hold))
        {
            await insert.ExecuteNonQueryAsync();
        }

        var run = ReplicationTestKit.ApplyUntilAsync(applier, new ReplicationCheckpoint(p0, null), end, TimeSpan.FromMinutes(2));
        var waiting = await LockWaiterAsync(applier, run, except: 0);
        var before = await AssertCheckpointBeforeHeldRowAsync(applier, db, ends);

        await ServerPair.ExecTargetAsync($"KILL CONNECTION {waiting}");
        // The retried run reapplies the group from the checkpoint and waits on the same lock, on its own session.
        await LockWaiterAsync(applier, run, except: waiting);
        Assert.Equal(1, applier.Reconnects);
        Assert.Equal(before, (await applier.ReadCheckpointAsync())!.Position);
        await hold.RollbackAsync();
        var (_, sum) = await run;

        Assert.Equal(Rows, sum.RowsInserted);
        await ReplicationTestKit.AssertSameAsync(db, "t");
    }

    [Fact]
    public async Task A_group_the_target_refuses_is_reported_with_its_own_range_and_nothing_of_it_commits()
    {
        const string db = "fm_repl_overlap_fail";
        var (p0, end, ends) = await CreateAsync(db);
        await ServerPair.ExecTargetAsync($"ALTER TABLE {db}.t ADD CONSTRAINT not_{Held} CHECK (v <> {Held})");
        var applier = ReplicationTestKit.Applier(db, new ReplicationScope([db], [], []), group: 5, threads: 1);
        await applier.DropStateAsync();

        var failure = await Assert.ThrowsAsync<ReplicationCommitException>(
            () => ReplicationTestKit.ApplyUntilAsync(applier, new ReplicationCheckpoint(p0, null), end));

        var stored = await AssertCheckpointBeforeHeldRowAsync(applier, db, ends);
        Assert.Contains($"not_{Held}", failure.InnerException!.Message, StringComparison.Ordinal);
        Assert.Contains($":{new MySqlConnectionStringBuilder(ServerPair.TargetConnectionString).Port} failed", failure.Message, StringComparison.Ordinal);
        var range = Regex.Match(failure.Message, @"after (\S+) up to (\S+) on the target");
        Assert.True(range.Success, failure.Message);
        Assert.Equal(stored, BinlogPosition.Parse(range.Groups[1].Value));
        Assert.True(BinlogPosition.Parse(range.Groups[2].Value) >= ends[Held - 1], $"the reported group ends before row {Held}: {failure.Message}");
        Assert.Equal(0, applier.Reconnects);

        await ServerPair.ExecTargetAsync($"ALTER TABLE {db}.t DROP CONSTRAINT not_{Held}");
        var (_, sum) = await ReplicationTestKit.ApplyUntilAsync(applier, new ReplicationCheckpoint(p0, null), end);

        Assert.Equal(ends.Count(e => e > stored), sum.RowsInserted);
        await ReplicationTestKit.AssertSameAsync(db, "t");
    }

    private static async Task<(BinlogPosition P0, BinlogPosition End, List<BinlogPosition> Ends)> CreateAsync(string db)
    {
        await ServerPair.ResetDatabasesAsync(db);
        const string table = "CREATE TABLE t (id INT PRIMARY KEY, v INT NOT NULL)";
        await ServerPair.ExecSourceAsync($"CREATE DATABASE {db}; USE {db}; {table}");
        await ServerPair.ExecTargetAsync($"CREATE DATABASE {db}; USE {db}; {table}");
        var p0 = await ReplicationTestKit.SourceEndAsync();
        var sql = new StringBuilder($"USE {db};");
        for (var id = 1; id <= Rows; id++)
        {
            sql.Append("INSERT INTO t VALUES (").Append(id).Append(", ").Append(id).Append(");");
        }

        await ServerPair.ExecSourceAsync(sql.ToString());
        var end = await ReplicationTestKit.SourceEndAsync();
        var ends = await ReplicationTestKit.TransactionEndsAsync(db, p0, end);
        Assert.Equal(Rows, ends.Count);
        return (p0, end, ends);
    }

    // The checkpoint never points past an unapplied transaction: before row 17's, with exactly the rows before it committed.
    private static async Task<BinlogPosition> AssertCheckpointBeforeHeldRowAsync(ReplicationApplier applier, string db, List<BinlogPosition> ends)
    {
        var checkpoint = await applier.ReadCheckpointAsync();
        Assert.NotNull(checkpoint);
        var stored = checkpoint.Position;
        Assert.True(stored < ends[Held - 1], $"checkpoint {stored} is past row {Held}'s transaction {ends[Held - 1]}");
        var committed = ends.Count(e => e <= stored);
        Assert.Equal(committed, await ReplicationTestKit.CountAsync(ServerPair.TargetConnectionString, $"SELECT COUNT(*) FROM {db}.t"));
        Assert.Equal(committed, await ReplicationTestKit.CountAsync(ServerPair.TargetConnectionString, $"SELECT COALESCE(MAX(id), 0) FROM {db}.t"));
        return stored;
    }

    // The applier's target session (a new one after `except` was killed) once its group's write waits for the held row's lock.
    private static async Task<int> LockWaiterAsync(ReplicationApplier applier, Task run, int except)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            if (run.IsCompleted)
            {
                await run;
                Assert.Fail("replay finished without waiting for the held row's lock");
            }

            // A group's statements take milliseconds; two seconds in one means the lock (information_schema.INNODB_TRX
            // was seen listing the waiting transaction only tens of seconds late on MariaDB 10.11).
            var id = applier.TargetConnectionId;
            if (id != 0 && id != except && await ReplicationTestKit.CountAsync(ServerPair.TargetConnectionString,
                    $"SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = {id} AND COMMAND = 'Query' AND TIME >= 2 AND INFO LIKE 'REPLACE INTO%'") == 1)
            {
                return id;
            }

            await Task.Delay(10, timeout.Token);
        }
    }
}
