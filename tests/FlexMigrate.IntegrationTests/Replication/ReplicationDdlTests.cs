using FlexMigrate.Core;
using FlexMigrate.Core.Replication;
using FlexMigrate.IntegrationTests.Infrastructure;

namespace FlexMigrate.IntegrationTests.Replication;

/// <summary>DDL in the stream: applied in order after catch-up (the decoder follows the new layouts), refused during the copy.</summary>
public sealed class ReplicationDdlTests
{
    [Fact]
    public async Task Table_view_and_routine_ddl_after_catch_up_replays_in_stream_order()
    {
        const string db = "fm_repl_ddl";
        const string other = "fm_repl_ddl_other";
        await ServerPair.ResetDatabasesAsync(db, other);
        const string schema = "CREATE TABLE t (id INT PRIMARY KEY, v INT); CREATE TABLE gone (id INT PRIMARY KEY)";
        await ServerPair.ExecSourceAsync($"CREATE DATABASE {db}; USE {db}; {schema}; CREATE DATABASE {other}; CREATE TABLE {other}.x (id INT PRIMARY KEY)");
        await ServerPair.ExecTargetAsync($"CREATE DATABASE {db}; USE {db}; {schema}; CREATE DATABASE {other}; CREATE TABLE {other}.x (id INT PRIMARY KEY)");
        var p0 = await ReplicationTestKit.SourceEndAsync();
        await ServerPair.ExecSourceAsync($"""
            USE {db};
            INSERT INTO t VALUES (1, 10), (2, 20);
            ALTER TABLE t ADD COLUMN w VARCHAR(10) NULL AFTER id, DROP COLUMN v;
            INSERT INTO t VALUES (3, 'three');
            UPDATE t SET w = 'one' WHERE id = 1;
            CREATE TABLE `new t` (id INT PRIMARY KEY, s TEXT);
            INSERT INTO `new t` VALUES (1, 'a'), (2, 'b');
            RENAME TABLE `new t` TO renamed;
            INSERT INTO renamed VALUES (3, 'c');
            /* a comment first */ DROP TABLE IF EXISTS gone, {other}.x;
            CREATE INDEX ix_w ON t (w);
            CREATE VIEW v AS SELECT id, w FROM t;
            CREATE OR REPLACE VIEW v AS SELECT id FROM t;
            CREATE PROCEDURE p() SELECT 1;
            CREATE TRIGGER trg BEFORE INSERT ON t FOR EACH ROW SET NEW.w = UPPER(NEW.w);
            INSERT INTO t VALUES (4, 'four');
            TRUNCATE TABLE renamed;
            INSERT INTO renamed VALUES (9, 'z');
            CREATE USER IF NOT EXISTS 'fm_repl_u'@'localhost';
            DROP USER 'fm_repl_u'@'localhost';
            """);
        var end = await ReplicationTestKit.SourceEndAsync();
        var applier = ReplicationTestKit.Applier("fm_repl_ddl", new ReplicationScope([db], [], []), catchUp: p0);
        await applier.DropStateAsync();

        var (_, sum) = await ReplicationTestKit.ApplyUntilAsync(applier, new(p0, null), end);

        await ReplicationTestKit.AssertSameAsync(db, "t", "renamed");
        Assert.Equal("FOUR", await ServerPair.ScalarAsync(ServerPair.TargetConnectionString, $"SELECT w FROM {db}.t WHERE id = 4"));
        Assert.Equal(0, await ReplicationTestKit.CountAsync(ServerPair.TargetConnectionString,
            $"SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '{db}' AND TABLE_NAME IN ('gone', 'new t')"));
        Assert.Equal(1, await ReplicationTestKit.CountAsync(ServerPair.TargetConnectionString, $"SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '{other}' AND TABLE_NAME = 'x'"));
        Assert.Equal("`id`", await ServerPair.ScalarAsync(ServerPair.TargetConnectionString,
            $"SELECT GROUP_CONCAT(CONCAT('`', COLUMN_NAME, '`')) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '{db}' AND TABLE_NAME = 'v'"));
        Assert.Equal(1, await ReplicationTestKit.CountAsync(ServerPair.TargetConnectionString, $"SELECT COUNT(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = '{db}' AND INDEX_NAME = 'ix_w'"));
        Assert.Equal(1, await ReplicationTestKit.CountAsync(ServerPair.TargetConnectionString, $"SELECT COUNT(*) FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = '{db}' AND ROUTINE_NAME = 'p'"));
        Assert.Equal(0, await ReplicationTestKit.CountAsync(ServerPair.TargetConnectionString, $"SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = '{db}'"));
        Assert.Contains(sum.Notes, n => n.Contains("TRIGGER", StringComparison.Ordinal) && n.Contains("deferred to cutover", StringComparison.Ordinal));
        Assert.Contains(sum.Notes, n => n.StartsWith("Account statement", StringComparison.Ordinal));
        Assert.Equal(9, sum.DdlApplied);
    }

    [Fact]
    public async Task Table_ddl_during_the_copy_stops_with_the_statement_table_and_position_while_new_tables_and_views_are_handled()
    {
        const string db = "fm_repl_ddlcopy";
        await ServerPair.ResetDatabasesAsync(db);
        await ServerPair.ExecSourceAsync($"CREATE DATABASE {db}; CREATE TABLE {db}.t (id INT PRIMARY KEY, v INT)");
        await ServerPair.ExecTargetAsync($"CREATE DATABASE {db}; CREATE TABLE {db}.t (id INT PRIMARY KEY, v INT)");
        var p0 = await ReplicationTestKit.SourceEndAsync();
        await ServerPair.ExecSourceAsync($"""
            INSERT INTO {db}.t VALUES (1, 1);
            CREATE TABLE {db}.fresh (id INT PRIMARY KEY);
            INSERT INTO {db}.fresh VALUES (7);
            CREATE VIEW {db}.v AS SELECT 1 AS one;
            """);
        var beforeAlter = await ReplicationTestKit.SourceEndAsync();
        await ServerPair.ExecSourceAsync($"ALTER TABLE {db}.t ADD COLUMN w INT");
        var catchUp = await ReplicationTestKit.SourceEndAsync();
        var applier = ReplicationTestKit.Applier("fm_repl_ddlcopy", new ReplicationScope([db], [], []), catchUp);
        await applier.DropStateAsync();

        var error = await Assert.ThrowsAsync<UserActionRequiredException>(() => ReplicationTestKit.ApplyUntilAsync(applier, new(p0, null), catchUp));

        Assert.Contains($"`{db}`.`t`", error.Message, StringComparison.Ordinal);
        Assert.Contains("ALTER TABLE", error.Message, StringComparison.Ordinal);
        Assert.Contains("during the initial copy", error.Message, StringComparison.Ordinal);
        Assert.Contains(catchUp.File, error.Message, StringComparison.Ordinal);
        Assert.Contains("drop-existing", error.Message, StringComparison.Ordinal);
        Assert.Equal(beforeAlter, (await applier.ReadCheckpointAsync())!.Position);
        Assert.Equal(7, await ReplicationTestKit.CountAsync(ServerPair.TargetConnectionString, $"SELECT id FROM {db}.fresh"));
        Assert.Equal(0, await ReplicationTestKit.CountAsync(ServerPair.TargetConnectionString, $"SELECT COUNT(*) FROM information_schema.VIEWS WHERE TABLE_SCHEMA = '{db}'"));
    }

    [Fact]
    public async Task A_table_without_a_usable_key_stops_replay_naming_it()
    {
        const string db = "fm_repl_nokey";
        await ServerPair.ResetDatabasesAsync(db);
        const string table = "CREATE TABLE t (a INT, u INT NULL, UNIQUE KEY (u))";
        await ServerPair.ExecSourceAsync($"CREATE DATABASE {db}; USE {db}; {table}");
        await ServerPair.ExecTargetAsync($"CREATE DATABASE {db}; USE {db}; {table}");
        var p0 = await ReplicationTestKit.SourceEndAsync();
        await ServerPair.ExecSourceAsync($"INSERT INTO {db}.t VALUES (1, 1)");
        var end = await ReplicationTestKit.SourceEndAsync();
        var applier = ReplicationTestKit.Applier("fm_repl_nokey", new ReplicationScope([db], [], []));
        await applier.DropStateAsync();

        var error = await Assert.ThrowsAsync<UserActionRequiredException>(() => ReplicationTestKit.ApplyUntilAsync(applier, new(p0, null), end));

        Assert.Contains($"`{db}`.`t`", error.Message, StringComparison.Ordinal);
        Assert.Contains("primary key", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("exclude", error.Message, StringComparison.Ordinal);
    }
}
