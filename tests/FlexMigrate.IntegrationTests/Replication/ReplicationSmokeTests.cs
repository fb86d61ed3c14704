using FlexMigrate.Core.Replication;
using FlexMigrate.IntegrationTests.Infrastructure;

namespace FlexMigrate.IntegrationTests.Replication;

public sealed class ReplicationSmokeTests
{
    [Fact]
    public async Task Inserts_updates_deletes_and_key_changes_replay_exactly()
    {
        const string db = "fm_repl_smoke";
        await ServerPair.ResetDatabasesAsync(db);
        const string ddl = "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20), b BLOB, g INT AS (id * 2) VIRTUAL)";
        await ServerPair.ExecSourceAsync($"CREATE DATABASE {db}; USE {db}; {ddl}");
        await ServerPair.ExecTargetAsync($"CREATE DATABASE {db}; USE {db}; {ddl}");
        var p0 = await ReplicationTestKit.SourceEndAsync();
        await ServerPair.ExecSourceAsync($"""
            USE {db};
            INSERT INTO t (id, v, b) VALUES (1, 'a', X'00'), (2, 'b', NULL), (3, 'c', X'FF');
            UPDATE t SET v = 'bb' WHERE id = 2;
            UPDATE t SET id = 10 WHERE id = 1;
            DELETE FROM t WHERE id = 3;
            START TRANSACTION; INSERT INTO t (id, v) VALUES (3, 'again'); UPDATE t SET id = 4 WHERE id = 3; COMMIT;
            """);
        var end = await ReplicationTestKit.SourceEndAsync();
        var applier = ReplicationTestKit.Applier("fm_repl_smoke", new ReplicationScope([db], [], []));
        await applier.DropStateAsync();

        var (last, sum) = await ReplicationTestKit.ApplyUntilAsync(applier, new ReplicationCheckpoint(p0, null), end);

        await ReplicationTestKit.AssertSameAsync(db, "t");
        Assert.Equal(4, await ReplicationTestKit.CountAsync(ServerPair.TargetConnectionString, $"SELECT COUNT(*) FROM {db}.t WHERE id IN (2, 4, 10)") + 1);
        Assert.Equal(4, sum.RowsInserted);
        Assert.Equal(3, sum.RowsUpdated);
        Assert.Equal(1, sum.RowsDeleted);
        Assert.Equal(last.Checkpoint, await applier.ReadCheckpointAsync());
    }
}
