using MySqlConnector;

namespace FlexMigrate.IntegrationTests.Copy;

/// <summary>
/// An independent view of a table's content for comparing source and target: one SHA2 per row over the hex of
/// every stored value, computed by the server, ordered by the primary key (or by the hash for a table without one).
/// FLOAT is compared through its exact DOUBLE widening (FLOAT's own text keeps 6 digits), ENUM/SET by label and
/// index, BIT by its hex value, everything else by HEX(CAST(col AS BINARY)) of the stored value.
/// </summary>
internal static class TableFingerprint
{
    public static async Task<IReadOnlyList<string>> ReadAsync(string connectionString, string database, string table)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var session = new MySqlCommand("SET SESSION time_zone = '+00:00', SESSION sql_mode = ''", connection))
            await session.ExecuteNonQueryAsync();
        var (expressions, primaryKey) = await DescribeAsync(connection, database, table);
        var rowHash = $"SHA2(CONCAT_WS('|', {string.Join(", ", expressions)}), 256)";
        var order = primaryKey.Count > 0 ? string.Join(", ", primaryKey.Select(Quote)) : "h";
        var sql = $"SELECT {rowHash} AS h FROM {Quote(database)}.{Quote(table)} ORDER BY {order}";
        var hashes = new List<string>();
        await using var command = new MySqlCommand(sql, connection) { CommandTimeout = 600 };
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            hashes.Add(reader.GetString(0));
        return hashes;
    }

    /// <summary>Asserts the table holds the same rows, in the same key order, on both servers.</summary>
    public static async Task AssertEqualAsync(string database, string table, long expectedRows)
    {
        var source = await ReadAsync(Infrastructure.ServerPair.SourceConnectionString, database, table);
        var target = await ReadAsync(Infrastructure.ServerPair.TargetConnectionString, database, table);
        Assert.Equal(expectedRows, source.Count);
        Assert.Equal(source.Count, target.Count);
        for (var i = 0; i < source.Count; i++)
            Assert.True(source[i] == target[i], $"{database}.{table}: row {i} (in key order) differs between source and target");
    }

    private static async Task<(List<string> Expressions, List<string> PrimaryKey)> DescribeAsync(MySqlConnection connection,
        string database, string table)
    {
        const string sql = """
            SELECT COLUMN_NAME, DATA_TYPE, COLUMN_KEY FROM information_schema.COLUMNS
            WHERE TABLE_SCHEMA = @db AND TABLE_NAME = @t ORDER BY ORDINAL_POSITION
            """;
        await using var command = new MySqlCommand(sql, connection);
        command.Parameters.AddWithValue("@db", database);
        command.Parameters.AddWithValue("@t", table);
        await using var reader = await command.ExecuteReaderAsync();
        var expressions = new List<string>();
        var primaryKey = new List<string>();
        while (await reader.ReadAsync())
        {
            var name = reader.GetString(0);
            var column = Quote(name);
            var value = reader.GetString(1) switch
            {
                "float" => $"CAST({column} AS DOUBLE)",
                "bit" => $"HEX({column})",
                "enum" or "set" => $"CONCAT(HEX(CAST({column} AS BINARY)), ':', {column} + 0)",
                _ => $"HEX(CAST({column} AS BINARY))",
            };
            expressions.Add($"IFNULL({value}, 'NULL')");
            if (reader.GetString(2) == "PRI")
                primaryKey.Add(name);
        }
        return (expressions, primaryKey);
    }

    private static string Quote(string name) => "`" + name.Replace("`", "``", StringComparison.Ordinal) + "`";
}
