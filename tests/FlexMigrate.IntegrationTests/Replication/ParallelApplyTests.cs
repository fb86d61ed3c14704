using System.Text;
using FlexMigrate.Core.Binlog;
using FlexMigrate.Core.Replication;
using FlexMigrate.IntegrationTests.Infrastructure;

namespace FlexMigrate.IntegrationTests.Replication;

/// <summary>
/// Parallel apply's conflict rule on real servers: transactions that touch the same row key (before or after image,
/// any unique key), foreign-key relatives or statements must keep source order while independent ones spread over
/// lanes. Each workload interleaves the conflicting transactions with independent filler so windows hold both; the
/// target has the source's unique keys, so a reordered REPLACE would delete the wrong row. Source and target are
/// compared by <see cref="TableFingerprint"/>.
/// </summary>
[Collection(ReplicationTestKit.Collection)]
public sealed class ParallelApplyTests
{
    private const string Db = "fm_repl_parallel";
    private static readonly string[] Tables = ["u", "k", "p", "c", "f"];

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task Conflicting_transactions_keep_source_order_while_independent_ones_run_in_parallel(int threads)
    {
        var p0 = await CreateAsync();
        await ServerPair.ExecSourceAsync(Workload());
        var end = await ReplicationTestKit.SourceEndAsync();
        var applier = ReplicationTestKit.Applier("fm_repl_parallel", new ReplicationScope([Db], [], []), group: 3, threads: threads);
        await applier.DropStateAsync();

        var (_, sum) = await ReplicationTestKit.ApplyUntilAsync(applier, new ReplicationCheckpoint(p0, null), end, TimeSpan.FromMinutes(3));

        await ReplicationTestKit.AssertSameAsync(Db, Tables);
        Assert.Equal(1, sum.DdlApplied);
        Assert.True(sum.CascadedRows > 0, "the workload's parent deletes and key updates cascade");
        if (threads > 1)
        {
            Assert.True(applier.ParallelWindows > 10, $"only {applier.ParallelWindows} windows ran on more than one lane");
        }
        else
        {
            Assert.Equal(0, applier.ParallelWindows);
        }
    }

    [Fact]
    public async Task A_run_resumed_inside_a_window_passes_over_the_shares_that_committed()
    {
        var p0 = await CreateAsync();
        await ServerPair.ExecSourceAsync($"USE {Db}; " + string.Concat(Enumerable.Range(1, 6).Select(i => $"INSERT INTO f (id, v) VALUES ({i}, 'v{i}');")));
        var end = await ReplicationTestKit.SourceEndAsync();
        var positions = await ReplicationTestKit.TransactionEndsAsync(Db, p0, end);
        Assert.Equal(6, positions.Count);
        var applier = ReplicationTestKit.Applier("fm_repl_parallel", new ReplicationScope([Db], [], []), threads: 4);
        await applier.DropStateAsync();
        await applier.ApplyAsync(new ReplicationCheckpoint(end, null)); // creates the checkpoint table

        // The state a kill leaves after two of a window's lanes committed: rows 2 and 5 written, the checkpoint still
        // at the window's start, the window recording those two transactions as done. Row 2 is changed on the target so
        // a second apply of its insert would show.
        await ServerPair.ExecTargetAsync($"""
            USE {Db}; INSERT INTO f (id, v) VALUES (2, 'committed'), (5, 'v5');
            REPLACE INTO flexmigrate_state.replication_checkpoint (migration_id, binlog_file, binlog_pos, gtid, applied_at, transactions,
              window_file, window_pos, window_gtid, window_count, window_done)
            VALUES ('fm_repl_parallel', '{p0.File}', {p0.Offset}, NULL, UTC_TIMESTAMP(6), 2, '{positions[^1].File}', {positions[^1].Offset}, NULL, 6,
              '{positions[1]}\n{positions[4]}');
            """);

        var (_, sum) = await ReplicationTestKit.ApplyUntilAsync(applier, new ReplicationCheckpoint(p0, null), end);

        Assert.Equal(4, sum.RowsInserted);
        Assert.Equal("committed", await ServerPair.ScalarAsync(ServerPair.TargetConnectionString, $"SELECT v FROM {Db}.f WHERE id = 2"));
        Assert.Equal(6, await ReplicationTestKit.CountAsync(ServerPair.TargetConnectionString, $"SELECT COUNT(*) FROM {Db}.f"));
    }

    private static async Task<BinlogPosition> CreateAsync()
    {
        await ServerPair.ResetDatabasesAsync(Db);
        var ddl = $"""
            CREATE DATABASE {Db}; USE {Db};
            CREATE TABLE u (id INT PRIMARY KEY, email VARCHAR(40) COLLATE utf8mb4_unicode_ci NOT NULL, n INT NOT NULL, UNIQUE KEY (email)) CHARSET utf8mb4;
            CREATE TABLE k (id INT PRIMARY KEY, payload VARCHAR(20) NOT NULL);
            CREATE TABLE p (id INT PRIMARY KEY, name VARCHAR(20));
            CREATE TABLE c (id INT PRIMARY KEY, pid INT, FOREIGN KEY (pid) REFERENCES p (id) ON DELETE CASCADE ON UPDATE CASCADE);
            CREATE TABLE f (id INT PRIMARY KEY, v VARCHAR(20));
            INSERT INTO u VALUES (1, 'a@x', 0), (2, 'b@x', 0), (3, 'Straße', 0);
            INSERT INTO k VALUES (1, 'one'), (2, 'two');
            """;
        await ServerPair.ExecSourceAsync(ddl);
        await ServerPair.ExecTargetAsync(ddl);
        return await ReplicationTestKit.SourceEndAsync();
    }

    // Every statement outside START TRANSACTION is its own source transaction.
    private static string Workload()
    {
        var sql = new StringBuilder($"USE {Db};");
        var filler = 0;
        void Filler(int count)
        {
            for (var i = 0; i < count; i++, filler++)
            {
                sql.Append("INSERT INTO f (id, v) VALUES (").Append(filler).Append(", 'f").Append(filler).Append("');");
            }
        }

        for (var round = 0; round < 20; round++)
        {
            // Same-row chains across transactions.
            for (var i = 0; i < 6; i++)
            {
                sql.Append("UPDATE u SET n = n + 1 WHERE id = ").Append((i % 3) + 1).Append(';');
                Filler(1);
            }

            // Primary-key swap a <-> b in separate transactions, then in one.
            sql.Append("UPDATE k SET id = 0 WHERE id = 1;");
            Filler(2);
            sql.Append("UPDATE k SET id = 1 WHERE id = 2;");
            Filler(2);
            sql.Append("UPDATE k SET id = 2 WHERE id = 0;");
            sql.Append("START TRANSACTION; UPDATE k SET id = 0 WHERE id = 1; UPDATE k SET id = 1 WHERE id = 2; UPDATE k SET id = 2 WHERE id = 0; COMMIT;");
            Filler(2);

            // Unique-key moves: a value leaves one row and arrives at another, also case- and expansion-equal ones.
            sql.Append("UPDATE u SET email = 'tmp' WHERE id = 1;");
            Filler(1);
            sql.Append("UPDATE u SET email = 'a@x' WHERE id = 2;");
            Filler(1);
            sql.Append("UPDATE u SET email = 'b@x' WHERE id = 1;");
            sql.Append("UPDATE u SET email = 'tmp' WHERE id = 2; UPDATE u SET email = 'a@x' WHERE id = 1; UPDATE u SET email = 'b@x' WHERE id = 2;");
            sql.Append("DELETE FROM u WHERE id = 3;");
            Filler(1);
            sql.Append("INSERT INTO u VALUES (3, '").Append(round % 2 == 0 ? "STRASSE" : "Straße").Append("', ").Append(round).Append(");");
            Filler(1);

            // Foreign-key parent then child in separate transactions; cascades by parent delete and key update.
            var parent = 100 + round;
            sql.Append("INSERT INTO p VALUES (").Append(parent).Append(", 'p');");
            Filler(1);
            sql.Append("INSERT INTO c VALUES (").Append(parent).Append(", ").Append(parent).Append(");");
            sql.Append("INSERT INTO c VALUES (").Append(parent + 1000).Append(", ").Append(parent).Append(");");
            Filler(1);
            if (round % 2 == 0)
            {
                sql.Append("DELETE FROM p WHERE id = ").Append(parent).Append(';');
            }
            else
            {
                sql.Append("UPDATE p SET id = ").Append(parent + 500).Append(" WHERE id = ").Append(parent).Append(';');
            }

            Filler(2);

            // A transaction touching many tables.
            sql.Append("START TRANSACTION; UPDATE u SET n = n + 10 WHERE id = 1; UPDATE k SET payload = 'r").Append(round)
                .Append("' WHERE id = 1; INSERT INTO p VALUES (").Append(300 + round).Append(", 'm'); UPDATE f SET v = 'multi' WHERE id = ")
                .Append(filler - 1).Append("; COMMIT;");
            Filler(2);

            // A DDL statement mid-stream: a barrier between the windows before and after it.
            if (round == 10)
            {
                sql.Append("ALTER TABLE f ADD COLUMN extra INT NOT NULL DEFAULT 7;");
            }
        }

        return sql.ToString();
    }
}
