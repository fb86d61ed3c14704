using FlexMigrate.Core.Binlog;
using FlexMigrate.Core.Replication;
using FlexMigrate.IntegrationTests.Infrastructure;

namespace FlexMigrate.IntegrationTests.Replication;

/// <summary>
/// The scope's table shapes a batch reads serve the next batches of the same migration within
/// <see cref="ScopeTablesCache.Lifetime"/>, through the cache their owner passes (here, as in a worker, each batch is a
/// new applier given the same cache); past the lifetime, for another migration, and after table DDL they are read again.
/// Counted by <see cref="ScopeTablesCache.Reads"/>, with a clock the test moves.
/// </summary>
[Collection(ReplicationTestKit.Collection)]
public sealed class ScopeTablesCacheTests
{
    [Fact]
    public async Task The_next_batch_of_a_migration_within_the_window_reuses_the_shapes_and_a_later_one_or_another_migration_reads_them()
    {
        const string db = "fm_repl_shapes_reuse";
        var p0 = await CreateAsync(db);
        var time = new ManualTime();
        var cache = new ScopeTablesCache(time);

        var from = await InsertAndApplyAsync(db, db, cache, new ReplicationCheckpoint(p0, null), "(1, 1)");
        Assert.Equal(1, cache.Reads);
        from = await InsertAndApplyAsync(db, db, cache, from, "(2, 2)");
        Assert.Equal(1, cache.Reads);

        time.Advance(ScopeTablesCache.Lifetime);
        from = await InsertAndApplyAsync(db, db, cache, from, "(3, 3)");
        Assert.Equal(2, cache.Reads);

        await InsertAndApplyAsync(db, $"{db}_other", cache, new ReplicationCheckpoint(p0, null), "(4, 4)");
        Assert.Equal(3, cache.Reads);
        await InsertAndApplyAsync(db, db, cache, from, "(5, 5)");
        Assert.Equal(3, cache.Reads);

        await ReplicationTestKit.AssertSameAsync(db, "t");
        await ReplicationTestKit.Applier($"{db}_other", Scope(db)).DropStateAsync();
    }

    [Fact]
    public async Task Table_ddl_forces_a_re_read_and_the_next_batch_reuses_the_new_shapes()
    {
        const string db = "fm_repl_shapes_ddl";
        var p0 = await CreateAsync(db);
        var cache = new ScopeTablesCache(new ManualTime());

        var from = await InsertAndApplyAsync(db, db, cache, new ReplicationCheckpoint(p0, null), "(1, 1)");
        Assert.Equal(1, cache.Reads);

        // The key moves to v: the next batch must use the new shape, which only a fresh read knows.
        await ServerPair.ExecSourceAsync($"USE {db}; ALTER TABLE t ADD COLUMN w INT NOT NULL DEFAULT 0, DROP PRIMARY KEY, ADD PRIMARY KEY (v)");
        from = await InsertAndApplyAsync(db, db, cache, from, "(2, 2, 7)");
        Assert.Equal(2, cache.Reads);

        from = await InsertAndApplyAsync(db, db, cache, from, "(3, 3, 8)");
        await ServerPair.ExecSourceAsync($"UPDATE {db}.t SET id = id + 10, w = w + 1 WHERE v = 2");
        await ApplyAsync(db, db, cache, from);
        Assert.Equal(2, cache.Reads);
        await ReplicationTestKit.AssertSameAsync(db, "t");
    }

    private static ReplicationScope Scope(string db) => new([db], [], []);

    private static async Task<BinlogPosition> CreateAsync(string db)
    {
        await ServerPair.ResetDatabasesAsync(db);
        const string table = "CREATE TABLE t (id INT PRIMARY KEY, v INT NOT NULL)";
        await ServerPair.ExecSourceAsync($"CREATE DATABASE {db}; USE {db}; {table}");
        await ServerPair.ExecTargetAsync($"CREATE DATABASE {db}; USE {db}; {table}");
        await ReplicationTestKit.Applier(db, Scope(db)).DropStateAsync();
        return await ReplicationTestKit.SourceEndAsync();
    }

    // One row written on the source, then replayed by a new applier of `migrationId` sharing the cache (a worker's next batch).
    private static async Task<ReplicationCheckpoint> InsertAndApplyAsync(string db, string migrationId, ScopeTablesCache cache, ReplicationCheckpoint from,
        string row)
    {
        await ServerPair.ExecSourceAsync($"INSERT INTO {db}.t VALUES {row}");
        return await ApplyAsync(db, migrationId, cache, from);
    }

    private static async Task<ReplicationCheckpoint> ApplyAsync(string db, string migrationId, ScopeTablesCache cache, ReplicationCheckpoint from)
    {
        var end = await ReplicationTestKit.SourceEndAsync();
        var applier = ReplicationTestKit.Applier(migrationId, Scope(db), scopeTables: cache);
        // The whole suite writes to the source's binlog meanwhile, and the other migration replays it from p0: room on a loaded machine.
        var (last, _) = await ReplicationTestKit.ApplyUntilAsync(applier, from, end, TimeSpan.FromMinutes(3));
        return last.Checkpoint;
    }

    /// <summary>A clock that moves only when the test says.</summary>
    private sealed class ManualTime : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
