using System.Diagnostics;
using System.Globalization;
using FlexMigrate.IntegrationTests.Infrastructure;
using MySqlConnector;

namespace FlexMigrate.IntegrationTests.Online;

/// <summary>
/// A concurrent write workload on the source while an online migration copies and replicates: inserts, updates
/// that change primary keys, deletes that cascade through two levels of foreign keys and set others NULL, parent
/// keys updated with ON UPDATE CASCADE, unique values swapped between rows, multi-MB JSON and BLOB values, and
/// copies of every column type's edge rows. Seeded, so a failure replays the same operations.
/// </summary>
/// <param name="database">The database Schema created.</param>
/// <param name="seed">Seed of the operations.</param>
/// <param name="connectionString">The server written (the source by default; the target after a cutover, to replicate back).</param>
/// <param name="keyBase">First new key: a second workload on the same tables (writing back after a cutover) takes another range.</param>
internal sealed class OnlineWorkload(string database, int seed, string? connectionString = null, int keyBase = 1_000_000)
{
    private readonly Random _random = new(seed);
    private int _nextAccount = keyBase;
    private int _nextParent = keyBase;
    private int _nextTypeRow = keyBase - 999_000;
    private string _typeColumns = "";

    public long Operations { get; private set; }

    /// <summary>
    /// Operations per second at most; 0 writes as fast as the source takes them. A test that waits for replay to catch
    /// up while this runs paces it: on a loaded machine one unpaced writer (every 120th operation a 1-3 MB BLOB)
    /// outran the applier for the test's whole wait (a suite run at load average 70: 130 s and 137 MB behind).
    /// </summary>
    public int MaxOperationsPerSecond { get; init; }

    public static string Schema(string db) => $"""
        CREATE DATABASE {db};
        USE {db};
        {Copy.ColumnTypeCopyTests.Table}
        {Copy.ColumnTypeCopyTests.Rows}
        SET SESSION sql_mode = DEFAULT;
        CREATE TABLE accounts (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, email VARCHAR(80) NOT NULL, balance DECIMAL(20,4) NOT NULL,
          doc JSON NULL, photo LONGBLOB NULL, UNIQUE KEY u_email (email), KEY k_balance (balance));
        INSERT INTO accounts (email, balance, doc) SELECT CONCAT('user', seq, '@example.com'), seq * 1.25, JSON_OBJECT('n', seq, 'tags', JSON_ARRAY('a', seq)) FROM seq_1_to_3000;
        CREATE TABLE parent (id INT NOT NULL PRIMARY KEY, name VARCHAR(40) NOT NULL);
        CREATE TABLE child (id INT NOT NULL PRIMARY KEY, parent_id INT NOT NULL, v INT NOT NULL,
          CONSTRAINT fk_child FOREIGN KEY (parent_id) REFERENCES parent (id) ON DELETE CASCADE ON UPDATE CASCADE);
        CREATE TABLE grandchild (id INT NOT NULL PRIMARY KEY, child_id INT NOT NULL,
          CONSTRAINT fk_grand FOREIGN KEY (child_id) REFERENCES child (id) ON DELETE CASCADE);
        CREATE TABLE note (id INT NOT NULL PRIMARY KEY, parent_id INT NULL, body TEXT NOT NULL,
          CONSTRAINT fk_note FOREIGN KEY (parent_id) REFERENCES parent (id) ON DELETE SET NULL ON UPDATE SET NULL);
        INSERT INTO parent SELECT seq, CONCAT('p', seq) FROM seq_1_to_400;
        INSERT INTO child SELECT seq, 1 + seq % 400, seq FROM seq_1_to_1200;
        INSERT INTO grandchild SELECT seq, 1 + seq % 1200 FROM seq_1_to_2400;
        INSERT INTO note SELECT seq, 1 + seq % 400, REPEAT('n', seq % 50) FROM seq_1_to_800;
        CREATE TABLE audit (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, account_id INT NOT NULL, at_balance DECIMAL(20,4) NOT NULL);
        CREATE TRIGGER accounts_audit AFTER UPDATE ON accounts FOR EACH ROW INSERT INTO audit (account_id, at_balance) VALUES (NEW.id, NEW.balance);
        CREATE VIEW rich AS SELECT id, email FROM accounts WHERE balance > 1000;
        CREATE FUNCTION fee(x DECIMAL(20,4)) RETURNS DECIMAL(20,4) DETERMINISTIC RETURN x / 100;
        CREATE EVENT cleanup ON SCHEDULE EVERY 1 DAY DISABLE DO DELETE FROM audit WHERE id < 0;
        """;

    /// <summary>Tables to compare after cutover.</summary>
    public static readonly string[] Tables = ["every_type", "accounts", "parent", "child", "grandchild", "note", "audit"];

    /// <summary>Runs operations until <paramref name="stop"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        var builder = new MySqlConnectionStringBuilder(connectionString ?? ServerPair.SourceConnectionString) { AllowUserVariables = true };
        await using var connection = new MySqlConnection(builder.ConnectionString);
        await connection.OpenAsync(CancellationToken.None);
        await ExecAsync(connection, $"USE {database}");
        // Like the seed rows: the edge rows hold zero dates and i = 2^31-1 (its generated column overflows in strict mode).
        await ExecAsync(connection, "SET SESSION sql_mode = '', SESSION time_zone = '+00:00'");
        await using (var columns = new MySqlCommand(
            "SELECT GROUP_CONCAT(CONCAT('`', COLUMN_NAME, '`') ORDER BY ORDINAL_POSITION) FROM information_schema.COLUMNS "
            + "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'every_type' AND IS_GENERATED = 'NEVER'", connection))
        {
            _typeColumns = (string)(await columns.ExecuteScalarAsync(CancellationToken.None))!;
        }

        var clock = Stopwatch.StartNew();
        while (!stop.IsCancellationRequested)
        {
            await OneAsync(connection);
            Operations++;
            if (MaxOperationsPerSecond > 0 && TimeSpan.FromSeconds((double)Operations / MaxOperationsPerSecond) - clock.Elapsed is { Ticks: > 0 } ahead)
            {
                await Task.Delay(ahead, CancellationToken.None);
            }
        }
    }

    private async Task OneAsync(MySqlConnection c)
    {
        switch (_random.Next(12))
        {
            case 0:
            case 1:
                await ExecAsync(c, "INSERT INTO accounts (email, balance, doc, photo) VALUES (@e, @b, @d, @p)",
                    ("@e", $"new{++_nextAccount}@example.com"), ("@b", _random.Next(1, 100_000) / 100m),
                    ("@d", "{\"k\": " + _random.Next().ToString(CultureInfo.InvariantCulture) + ", \"deep\": {\"list\": [1, 2.5, \"x\", null, true]}}"), ("@p", Blob()));
                break;
            case 2:
                // The audit trigger fires on the source only: the target gets audit's rows from the binlog.
                await ExecAsync(c, "UPDATE accounts SET balance = balance + 1, doc = JSON_SET(COALESCE(doc, '{}'), '$.u', @u) WHERE id = @id",
                    ("@u", _random.Next()), ("@id", _random.Next(1, 3000)));
                break;
            case 3:
                await ExecAsync(c, "UPDATE accounts SET id = @to WHERE id = @id", ("@to", ++_nextAccount), ("@id", _random.Next(1, 3000)));
                break;
            case 4:
                await ExecAsync(c, "DELETE FROM accounts WHERE id = @id", ("@id", _random.Next(1, 3000)));
                break;
            case 5:
                await SwapEmailsAsync(c, _random.Next(1, 3000), _random.Next(1, 3000));
                break;
            case 6:
                var p = ++_nextParent;
                await ExecAsync(c, $"BEGIN; INSERT INTO parent VALUES ({p}, 'new'); INSERT INTO child VALUES ({p}, {p}, 1), ({p + 500_000}, {p}, 2); "
                    + $"INSERT INTO grandchild VALUES ({p}, {p}), ({p + 500_000}, {p + 500_000}); INSERT INTO note VALUES ({p}, {p}, 'x'); COMMIT");
                break;
            case 7:
                await ExecAsync(c, "DELETE FROM parent WHERE id = @id", ("@id", _random.Next(1, 400)));
                break;
            case 8:
                await ExecAsync(c, "UPDATE parent SET id = @to WHERE id = @id", ("@to", ++_nextParent), ("@id", _random.Next(1, 400)));
                break;
            case 9:
                await CopyTypeRowAsync(c);
                break;
            case 10:
                await ExecAsync(c, "UPDATE every_type SET id = @to WHERE id = @id", ("@to", ++_nextTypeRow), ("@id", _random.Next(1, _nextTypeRow)));
                break;
            default:
                await ExecAsync(c, "UPDATE child SET v = v + 1 WHERE parent_id = @id", ("@id", _random.Next(1, 400)));
                break;
        }
    }

    /// <summary>Mostly small; every 20th a 1-3 MB BLOB so a transaction spans many packets.</summary>
    private byte[]? Blob()
    {
        if (_random.Next(20) != 0)
        {
            return _random.Next(2) == 0 ? null : [0, 1, 2, 0xFF, 0];
        }

        var bytes = new byte[_random.Next(1 << 20, 3 << 20)];
        _random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>Swaps two unique values the only way InnoDB allows (it checks uniqueness row by row): via a third.</summary>
    private static async Task SwapEmailsAsync(MySqlConnection c, int a, int b)
    {
        if (a == b)
        {
            return;
        }

        await ExecAsync(c, "SET @ea = NULL, @eb = NULL");
        await ExecAsync(c, "BEGIN");
        await ExecAsync(c, "SELECT email INTO @ea FROM accounts WHERE id = @a FOR UPDATE", ("@a", a));
        await ExecAsync(c, "SELECT email INTO @eb FROM accounts WHERE id = @b FOR UPDATE", ("@b", b));
        await ExecAsync(c, "UPDATE accounts SET email = CONCAT('swap-', id) WHERE id = @a AND @eb IS NOT NULL", ("@a", a));
        await ExecAsync(c, "UPDATE accounts SET email = @ea WHERE id = @b AND @ea IS NOT NULL", ("@b", b));
        await ExecAsync(c, "UPDATE accounts SET email = @eb WHERE id = @a AND @eb IS NOT NULL AND @ea IS NOT NULL", ("@a", a));
        await ExecAsync(c, "COMMIT");
    }

    private async Task CopyTypeRowAsync(MySqlConnection c)
    {
        var to = ++_nextTypeRow;
        await ExecAsync(c, "CREATE TEMPORARY TABLE IF NOT EXISTS tmp_row AS SELECT * FROM every_type LIMIT 0");
        await ExecAsync(c, "INSERT INTO tmp_row SELECT * FROM every_type ORDER BY id LIMIT @k, 1", ("@k", _random.Next(0, 6)));
        await ExecAsync(c, $"UPDATE tmp_row SET id = {to.ToString(CultureInfo.InvariantCulture)}");
        await ExecAsync(c, $"INSERT INTO every_type ({_typeColumns}) SELECT {_typeColumns} FROM tmp_row");
        await ExecAsync(c, "DELETE FROM tmp_row");
    }

    private static async Task ExecAsync(MySqlConnection c, string sql, params (string Name, object? Value)[] parameters)
    {
        await using var command = new MySqlCommand(sql, c);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }
}
