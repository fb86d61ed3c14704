using FlexMigrate.Core.Replication;
using FlexMigrate.IntegrationTests.Infrastructure;
using MySqlConnector;

namespace FlexMigrate.IntegrationTests.Replication;

/// <summary>
/// The online-migration consistency argument end to end: record P0, copy while a write workload runs (chunks see
/// different moments), record where the copy finished, replay from P0: once past that point the target equals the
/// source (independent fingerprint), the unique index the target lacked during the copy can be added, and later
/// swaps of unique values replay with it in place. The workload covers inserts, key-changing updates, deletes,
/// unique swaps, multi-MB BLOB/JSON values, every column type, cascades two levels deep, SET NULL and ON UPDATE
/// CASCADE, a binlog rotation, an excluded table and an out-of-scope database.
/// </summary>
public sealed class OnlineWorkloadTests
{
    private const string Db = "fm_repl_work";
    private const string OutDb = "fm_repl_work_out";

    private const string Schema = """
        CREATE TABLE items (id INT PRIMARY KEY, u VARCHAR(32) NOT NULL, qty INT NOT NULL, payload LONGBLOB NULL, doc JSON NULL);
        CREATE TABLE counters (id INT PRIMARY KEY, c BIGINT NOT NULL);
        CREATE TABLE skipme (id INT PRIMARY KEY, v INT);
        CREATE TABLE parent (id INT PRIMARY KEY, name VARCHAR(20));
        CREATE TABLE child (id INT PRIMARY KEY, pid INT NOT NULL, KEY (pid), CONSTRAINT fk_child FOREIGN KEY (pid) REFERENCES parent (id) ON DELETE CASCADE ON UPDATE CASCADE);
        CREATE TABLE grand (id INT PRIMARY KEY, cid INT NOT NULL, KEY (cid), CONSTRAINT fk_grand FOREIGN KEY (cid) REFERENCES child (id) ON DELETE CASCADE);
        CREATE TABLE nul (id INT PRIMARY KEY, pid INT NULL, KEY (pid), CONSTRAINT fk_nul FOREIGN KEY (pid) REFERENCES parent (id) ON DELETE SET NULL ON UPDATE SET NULL);
        CREATE TABLE types (
          id INT PRIMARY KEY,
          ti TINYINT, tiu TINYINT UNSIGNED, si SMALLINT, miu MEDIUMINT UNSIGNED, i INT, iu INT UNSIGNED, bi BIGINT, biu BIGINT UNSIGNED,
          d65 DECIMAL(65,30), d55 DECIMAL(5,5), f FLOAT, db DOUBLE, b1 BIT(1), b64 BIT(64), y YEAR,
          dt0 DATE, dtm DATETIME, dtm6 DATETIME(6), ts TIMESTAMP(6) NULL DEFAULT NULL, tm TIME, tm3 TIME(3),
          c10 CHAR(10), c255 CHAR(255) CHARACTER SET utf8mb4, vc VARCHAR(300), vcl VARCHAR(20) CHARACTER SET latin1,
          bn BINARY(8), vb VARBINARY(20), tx TEXT, mt MEDIUMTEXT, lb LONGBLOB, e ENUM('a','b','c'), st SET('x','y','z'), j JSON, g GEOMETRY,
          gen INT AS (i + 1) STORED
        );
        """;

    private const string TypeRows = """
        (1, -128, 255, -32768, 16777215, -2147483648, 4294967295, -9223372036854775808, 18446744073709551615,
         '-99999999999999999999999999999999999.999999999999999999999999999999', 0.00001, -3.4028235e38, -1.7976931348623157e308,
         b'1', b'1111111111111111111111111111111111111111111111111111111111111111', 0,
         '0000-00-00', '0000-00-00 00:00:00', '2024-00-15 23:59:59.999999', '2038-01-19 03:14:07.999999', '-838:59:59', '-12:34:56.789',
         'abc', REPEAT('é', 255), REPEAT('x', 300), X'636166E9', X'0100000000000000', X'00', 'τεστ 😀', REPEAT('m', 70000), X'00FF00FF',
         'c', 'x,z', '{"k": [1, 2.5, "s", null, true]}', ST_GeomFromText('POINT(1 2)'), DEFAULT),
        (2, 127, 0, 32767, 0, 2147483647, 0, 9223372036854775807, 0,
         '99999999999999999999999999999999999.999999999999999999999999999999', -0.99999, 1.5, 2.2250738585072014e-308, b'0', b'0', 2155,
         '9999-12-31', '9999-12-31 23:59:59', '1000-01-01 00:00:00.000001', '1970-01-01 00:00:01.000000', '00:00:00', '00:00:00.001',
         '', '', '', '', X'', X'', NULL, NULL, X'', 'a', '', '[]', NULL, DEFAULT),
        (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
         NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, DEFAULT)
        """;

    private static readonly string[] Tables = ["items", "counters", "parent", "child", "grand", "nul", "types"];

    [Fact]
    public async Task Replay_from_before_a_concurrent_copy_makes_the_target_equal_the_source()
    {
        await ServerPair.ResetDatabasesAsync(Db, OutDb);
        await ServerPair.ExecSourceAsync($"CREATE DATABASE {Db}; USE {Db}; {Schema} ALTER TABLE items ADD UNIQUE KEY uk_u (u); CREATE DATABASE {OutDb}; CREATE TABLE {OutDb}.t (id INT PRIMARY KEY)");
        // The target lacks the unique secondary key and the foreign keys until replay has caught up, as in a real migration.
        await ServerPair.ExecTargetAsync($"CREATE DATABASE {Db}; USE {Db}; SET foreign_key_checks = 0; {Schema} " +
            "ALTER TABLE child DROP FOREIGN KEY fk_child; ALTER TABLE grand DROP FOREIGN KEY fk_grand; ALTER TABLE nul DROP FOREIGN KEY fk_nul;");
        await ServerPair.ExecSourceAsync($"""
            USE {Db};
            INSERT INTO items (id, u, qty) SELECT seq, CONCAT('u', seq), 0 FROM seq_1_to_200;
            INSERT INTO counters SELECT seq, 0 FROM seq_1_to_10;
            INSERT INTO parent SELECT seq, CONCAT('p', seq) FROM seq_1_to_20;
            INSERT INTO child SELECT seq, (seq % 20) + 1 FROM seq_1_to_60;
            INSERT INTO grand SELECT seq, (seq % 60) + 1 FROM seq_1_to_120;
            INSERT INTO nul SELECT seq, (seq % 20) + 1 FROM seq_1_to_40;
            """);
        var p0 = await ReplicationTestKit.SourceEndAsync();

        var increments = new long[11];
        using var stopWorkload = new CancellationTokenSource();
        var workload = Task.Run(() => RunWorkloadAsync(0, 400, increments, stopWorkload.Token));
        await CopyAsync(["items", "counters", "parent", "child", "grand", "nul"]);
        var copyEnd = await ReplicationTestKit.SourceEndAsync();
        await workload;
        await ServerPair.ExecSourceAsync($"INSERT INTO {Db}.skipme VALUES (1, 1); INSERT INTO {OutDb}.t VALUES (1)");
        var applier = ReplicationTestKit.Applier("fm_repl_work", new ReplicationScope([Db], [], [$"{Db}.skipme"]), copyEnd);
        await applier.DropStateAsync();

        var (caughtUp, _) = await ReplicationTestKit.ApplyUntilAsync(applier, new ReplicationCheckpoint(p0, null), copyEnd);
        await ServerPair.ExecTargetAsync($"ALTER TABLE {Db}.items ADD UNIQUE KEY uk_u (u)");
        await RunWorkloadAsync(400, 500, increments, CancellationToken.None);
        var end = await ReplicationTestKit.SourceEndAsync();
        var (last, sum) = await ReplicationTestKit.ApplyUntilAsync(applier, caughtUp.Checkpoint, end);

        await ReplicationTestKit.AssertSameAsync(Db, Tables);
        for (var id = 1; id <= 10; id++)
        {
            Assert.Equal(increments[id], await ReplicationTestKit.CountAsync(ServerPair.TargetConnectionString, $"SELECT c FROM {Db}.counters WHERE id = {id}"));
        }

        Assert.Equal(0, await ReplicationTestKit.CountAsync(ServerPair.TargetConnectionString, $"SELECT COUNT(*) FROM {Db}.skipme"));
        Assert.Equal(0, await ReplicationTestKit.CountAsync(ServerPair.TargetConnectionString, $"SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '{OutDb}'"));
        Assert.True(sum.CascadedRows > 0, "cascades were emulated");
        Assert.Equal(last.Checkpoint, await applier.ReadCheckpointAsync());
        await applier.DropStateAsync();
        Assert.Null(await applier.ReadCheckpointAsync());
    }

    // Statements in autocommit unless grouped; every step is valid on the source at its moment, so replay order matters.
    private static async Task RunWorkloadAsync(int from, int to, long[] increments, CancellationToken cancellationToken)
    {
        await using var c = new MySqlConnection(new MySqlConnectionStringBuilder(ServerPair.SourceConnectionString) { AllowUserVariables = true }.ConnectionString);
        await c.OpenAsync(cancellationToken);
        await ExecAsync(c, $"USE {Db}; SET SESSION sql_mode = '', time_zone = '+00:00'");
        for (var i = from; i < to && !cancellationToken.IsCancellationRequested; i++)
        {
            var id = (i % 200) + 1;
            await ExecAsync(c, $"INSERT INTO items (id, u, qty, doc) VALUES ({1000 + i}, 'n{i}', {i}, JSON_OBJECT('i', {i}, 's', REPEAT('j', {i})))");
            await ExecAsync(c, $"UPDATE items SET qty = qty + 1 WHERE id = {id}");
            await ExecAsync(c, $"UPDATE counters SET c = c + 1 WHERE id = {(i % 10) + 1}");
            increments[(i % 10) + 1]++;
            if (i % 7 == 3)
            {
                await ExecAsync(c, $"UPDATE items SET id = id + 100000 WHERE id = {1000 + i - 3}");
            }

            if (i % 5 == 4)
            {
                await ExecAsync(c, $"DELETE FROM items WHERE id = {1000 + i - 1}");
            }

            if (i % 10 == 5)
            {
                // Swap the unique u of two rows through a temporary value, in one transaction.
                var a = ((i * 7) % 200) + 1;
                var b = ((i * 13) % 200) + 1;
                if (a != b)
                {
                    await ExecAsync(c, $"""
                        START TRANSACTION;
                        SELECT u INTO @ua FROM items WHERE id = {a}; SELECT u INTO @ub FROM items WHERE id = {b};
                        UPDATE items SET u = CONCAT('tmp', {i}) WHERE id = {a}; UPDATE items SET u = @ua WHERE id = {b}; UPDATE items SET u = @ub WHERE id = {a};
                        COMMIT
                        """);
                }
            }

            if (i % 97 == 11)
            {
                await ExecAsync(c, $"UPDATE items SET payload = REPEAT(RANDOM_BYTES(1024), 2048), doc = JSON_OBJECT('big', REPEAT('b', 1500000)) WHERE id = {id}");
            }

            if (i == 150)
            {
                await ExecAsync(c, "FLUSH BINARY LOGS");
            }

            await TypesStepAsync(c, i);
            await CascadeStepAsync(c, i);
        }
    }

    private static async Task TypesStepAsync(MySqlConnection c, int i)
    {
        switch (i % 100)
        {
            case 10:
                await ExecAsync(c, $"INSERT INTO types VALUES {TypeRows.Replace("(1, ", $"({i + 1}, ", StringComparison.Ordinal).Replace("(2, ", $"({i + 2}, ", StringComparison.Ordinal).Replace("(3, ", $"({i + 3}, ", StringComparison.Ordinal)}");
                break;
            case 20:
                await ExecAsync(c, $"UPDATE types SET id = id + 1000, tm3 = '-00:00:00.5', d55 = -0.5, st = 'y', b64 = b'1010' WHERE id = {i - 10 + 1}");
                break;
            case 30:
                await ExecAsync(c, $"DELETE FROM types WHERE id = {i - 20 + 3}");
                break;
        }
    }

    private static async Task CascadeStepAsync(MySqlConnection c, int i)
    {
        switch (i % 50)
        {
            case 7:
                // Deletes a parent: its children, their grandchildren (two levels) and nul.pid (SET NULL) follow on the source only.
                await ExecAsync(c, $"DELETE FROM parent WHERE id = {(i / 50 % 20) + 1}");
                break;
            case 17:
                await ExecAsync(c, $"INSERT INTO parent VALUES ({2000 + i}, 'new'); INSERT INTO child VALUES ({1000 + i}, {2000 + i}); INSERT INTO grand VALUES ({1000 + i}, {1000 + i})");
                break;
            case 27:
                // ON UPDATE CASCADE: child.pid follows the parent's new id.
                await ExecAsync(c, $"UPDATE parent SET id = id + 500 WHERE id = {((i / 50 + 10) % 20) + 1}");
                break;
        }
    }

    // A chunked copy across servers while the workload runs: each chunk is read at its own moment.
    private static async Task CopyAsync(string[] tables)
    {
        await using var source = await ServerPair.OpenSourceAsync();
        await using var target = await ServerPair.OpenTargetAsync();
        await ExecAsync(target, "SET SESSION foreign_key_checks = 0");
        foreach (var table in tables)
        {
            for (var lo = 0; lo < 2000; lo += 25)
            {
                var rows = new List<object?[]>();
                string[] names;
                await using (var select = new MySqlCommand($"SELECT * FROM {Db}.{table} WHERE id >= {lo} AND id < {lo + 25}", source))
                await using (var reader = await select.ExecuteReaderAsync())
                {
                    names = [.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetName)];
                    while (await reader.ReadAsync())
                    {
                        var values = new object?[reader.FieldCount];
                        reader.GetValues(values!);
                        rows.Add([.. values.Select(v => v is DBNull ? null : v)]);
                    }
                }

                foreach (var row in rows)
                {
                    await using var insert = new MySqlCommand($"REPLACE INTO {Db}.{table} ({string.Join(",", names)}) VALUES ({string.Join(",", names.Select((_, k) => $"@p{k}"))})", target);
                    for (var k = 0; k < row.Length; k++)
                    {
                        insert.Parameters.AddWithValue($"@p{k}", row[k]);
                    }

                    await insert.ExecuteNonQueryAsync();
                }

                await Task.Delay(5);
            }
        }
    }

    private static async Task ExecAsync(MySqlConnection c, string sql)
    {
        await using var command = new MySqlCommand(sql, c);
        await command.ExecuteNonQueryAsync();
    }
}
