using System.Globalization;
using System.Text;
using FlexMigrate.Core.Replication;
using FlexMigrate.IntegrationTests.Infrastructure;
using MySqlConnector;

namespace FlexMigrate.IntegrationTests.Replication;

/// <summary>
/// Runs one parent change two ways: on the SOURCE as a plain statement (InnoDB performs the real cascades), and on
/// the TARGET as the applier will, with foreign_key_checks=0 in one transaction: the emulator first, then the same
/// statement, which with checks off touches the parent row only. Then every table of the databases must be equal
/// on both servers, by an ordered dump and by <see cref="TableFingerprint"/>.
/// </summary>
internal sealed class CascadeHarness(params string[] databases)
{
    /// <summary>How the parent row's values reach the emulator: as MySqlConnector reads them, or text as its bytes in the column's character set.</summary>
    public bool TextAsBytes { get; init; }

    /// <summary>Drops the databases and runs <paramref name="script"/> (schema and rows) on both servers.</summary>
    public async Task CreateAsync(string script)
    {
        await ServerPair.ResetDatabasesAsync(databases);
        await ServerPair.ExecSourceAsync(script);
        await ServerPair.ExecTargetAsync(script);
    }

    /// <summary>DELETE FROM <paramref name="table"/> WHERE <paramref name="where"/> (one row); returns the emulator's rows affected.</summary>
    public async Task<long> DeleteAsync(string database, string table, string where)
    {
        var sql = $"DELETE FROM `{database}`.`{table}` WHERE {where}";
        await ServerPair.ExecSourceAsync(sql);
        var emulator = await EmulatorAsync();
        await using var target = await OpenTargetWithoutChecksAsync();
        await using var transaction = await target.BeginTransactionAsync();
        var before = await SingleRowAsync(target, transaction, database, table, where);
        var affected = await emulator.BeforeDeleteAsync(target, transaction, database, table, before);
        await ExecAsync(target, transaction, sql);
        await transaction.CommitAsync();
        await AssertSameAsync();
        return affected;
    }

    /// <summary>
    /// UPDATE <paramref name="table"/> SET <paramref name="set"/> WHERE <paramref name="where"/> (one row);
    /// <paramref name="whereAfter"/> finds the row afterwards (its after-image is read from the source).
    /// </summary>
    public async Task<long> UpdateAsync(string database, string table, string set, string where, string whereAfter)
    {
        var sql = $"UPDATE `{database}`.`{table}` SET {set} WHERE {where}";
        await ServerPair.ExecSourceAsync(sql);
        Dictionary<string, object?> after;
        await using (var source = await ServerPair.OpenSourceAsync())
        {
            after = await SingleRowAsync(source, null, database, table, whereAfter);
        }

        var emulator = await EmulatorAsync();
        await using var target = await OpenTargetWithoutChecksAsync();
        await using var transaction = await target.BeginTransactionAsync();
        var before = await SingleRowAsync(target, transaction, database, table, where);
        var affected = await emulator.BeforeUpdateAsync(target, transaction, database, table, before, after);
        await ExecAsync(target, transaction, sql);
        await transaction.CommitAsync();
        await AssertSameAsync();
        return affected;
    }

    /// <summary>Runs only the emulator for deleting a row on the target, rolled back (for changes the source refuses).</summary>
    public async Task<long> EmulateDeleteOnlyAsync(string database, string table, string where)
    {
        var emulator = await EmulatorAsync();
        await using var target = await OpenTargetWithoutChecksAsync();
        await using var transaction = await target.BeginTransactionAsync();
        var before = await SingleRowAsync(target, transaction, database, table, where);
        try
        {
            return await emulator.BeforeDeleteAsync(target, transaction, database, table, before);
        }
        finally
        {
            await transaction.RollbackAsync();
        }
    }

    public async Task<ForeignKeyGraph> GraphAsync()
    {
        await using var source = await ServerPair.OpenSourceAsync();
        return await ForeignKeyGraph.ReadAsync(source, databases);
    }

    /// <summary>The rows of a table on the source, ordered, one line each (for exact expectations).</summary>
    public static async Task<string> SourceRowsAsync(string database, string table) =>
        await DumpAsync(ServerPair.SourceConnectionString, database, table);

    private async Task<CascadeEmulator> EmulatorAsync() => new(await GraphAsync());

    private static async Task<MySqlConnection> OpenTargetWithoutChecksAsync()
    {
        var target = await ServerPair.OpenTargetAsync();
        await ExecAsync(target, null, "SET SESSION foreign_key_checks = 0");
        return target;
    }

    private async Task<Dictionary<string, object?>> SingleRowAsync(
        MySqlConnection connection, MySqlTransaction? transaction, string database, string table, string where)
    {
        var charsets = TextAsBytes ? await CharacterSetsAsync(connection, transaction, database, table) : [];
        await using var command = new MySqlCommand($"SELECT * FROM `{database}`.`{table}` WHERE {where}", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"no row of {database}.{table} WHERE {where}");
        var row = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 0; i < reader.FieldCount; i++)
        {
            var value = reader.IsDBNull(i) ? null : reader.GetValue(i);
            row[reader.GetName(i)] = TextAsBytes && value is string s
                ? (charsets[reader.GetName(i)] == "latin1" ? Encoding.Latin1 : Encoding.UTF8).GetBytes(s)
                : value;
        }

        Assert.False(await reader.ReadAsync(), $"more than one row of {database}.{table} WHERE {where}");
        return row;
    }

    private static async Task<Dictionary<string, string>> CharacterSetsAsync(
        MySqlConnection connection, MySqlTransaction? transaction, string database, string table)
    {
        await using var command = new MySqlCommand(
            "SELECT COLUMN_NAME, IFNULL(CHARACTER_SET_NAME, '') FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = @d AND TABLE_NAME = @t",
            connection, transaction);
        command.Parameters.AddWithValue("@d", database);
        command.Parameters.AddWithValue("@t", table);
        var charsets = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            charsets[reader.GetString(0)] = reader.GetString(1);
        }

        Assert.All(charsets.Values, c => Assert.True(c is "" or "latin1" or "utf8mb4", $"harness knows no encoding for {c}"));
        return charsets;
    }

    private async Task AssertSameAsync()
    {
        foreach (var database in databases)
        {
            foreach (var table in await TablesAsync(database))
            {
                var source = await DumpAsync(ServerPair.SourceConnectionString, database, table);
                var target = await DumpAsync(ServerPair.TargetConnectionString, database, table);
                Assert.Equal(source, target);
                Assert.Equal(
                    await TableFingerprint.OfAsync(ServerPair.SourceConnectionString, database, table),
                    await TableFingerprint.OfAsync(ServerPair.TargetConnectionString, database, table));
            }
        }
    }

    private static async Task<List<string>> TablesAsync(string database)
    {
        await using var source = await ServerPair.OpenSourceAsync();
        await using var command = new MySqlCommand(
            "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = @d AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME", source);
        command.Parameters.AddWithValue("@d", database);
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }

        Assert.NotEmpty(tables);
        return tables;
    }

    /// <summary>"table: v1|v2|NULL" lines ordered by every column, text as printed (so 'abc' and 'ABC' differ).</summary>
    private static async Task<string> DumpAsync(string connectionString, string database, string table)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand($"SELECT * FROM `{database}`.`{table}`", connection);
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var values = Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i)
                ? "NULL"
                : reader.GetValue(i) is byte[] bytes ? Convert.ToHexString(bytes) : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture));
            lines.Add(string.Join("|", values));
        }

        lines.Sort(StringComparer.Ordinal);
        return $"{table}: " + string.Join("; ", lines);
    }

    private static async Task ExecAsync(MySqlConnection connection, MySqlTransaction? transaction, string sql)
    {
        await using var command = new MySqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync();
    }
}
