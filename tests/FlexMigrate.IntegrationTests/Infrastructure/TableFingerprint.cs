using System.Security.Cryptography;
using System.Text;
using MySqlConnector;

namespace FlexMigrate.IntegrationTests.Infrastructure;

/// <summary>
/// An independent check of table contents, sharing no code with the copier or the validator: each server hashes
/// every row in SQL (strings and binaries as HEX of their bytes, so padding, NULs and charsets count; numbers and
/// temporals by their printed value, exact on the same server version; NULL as a marker), rows in primary-key
/// order (PK-less tables: sorted row hashes), and the test folds them into one SHA-256.
/// </summary>
internal static class TableFingerprint
{
    /// <summary>One row: its primary key as text and the hash of all its values.</summary>
    public sealed record RowPrint(string Key, string Hash);

    public static async Task<(long Rows, string Hash)> OfAsync(string connectionString, string database, string table)
    {
        var rows = await RowsAsync(connectionString, database, table);
        var hashes = rows.Select(r => r.Hash).ToList();
        if (rows.Count > 0 && rows[0].Key.Length == 0)
        {
            hashes.Sort(StringComparer.Ordinal);
        }

        var all = SHA256.HashData(Encoding.ASCII.GetBytes(string.Join("\n", hashes)));
        return (hashes.Count, Convert.ToHexString(all));
    }

    /// <summary>
    /// Every row's hash with its primary key (HEX of each key column, '|'-separated; empty for a table without a
    /// primary key), in key order: what a per-row comparison needs to name a lost, doubled or changed row.
    /// </summary>
    public static async Task<IReadOnlyList<RowPrint>> RowsAsync(string connectionString, string database, string table)
    {
        await using var c = new MySqlConnection(connectionString);
        await c.OpenAsync();
        var columns = await ColumnsAsync(c, database, table);
        var keys = await KeyAsync(c, database, table);
        var expressions = columns.Select(col => col.IsText
            ? $"IFNULL(HEX(`{col.Name}`), 'N')"
            : $"IFNULL(CONCAT(`{col.Name}`), 'N')");
        var rowHash = $"SHA2(CONCAT_WS('|', {string.Join(", ", expressions)}), 256)";
        var key = keys.Count > 0 ? $"CONCAT_WS('|', {string.Join(", ", keys.Select(k => $"HEX(`{k}`)"))})" : "''";
        var order = keys.Count > 0 ? string.Join(", ", keys.Select(k => $"`{k}`")) : "1";
        var sql = $"SELECT {key}, {rowHash} FROM `{database}`.`{table}` ORDER BY {order}";
        var rows = new List<RowPrint>();
        await using var cmd = new MySqlCommand(sql, c) { CommandTimeout = 600 };
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new RowPrint(reader.GetString(0), reader.GetString(1)));
        }

        return rows;
    }

    private sealed record Column(string Name, bool IsText);

    private static async Task<List<Column>> ColumnsAsync(MySqlConnection c, string database, string table)
    {
        var list = new List<Column>();
        await using var cmd = new MySqlCommand(
            "SELECT COLUMN_NAME, DATA_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA=@d AND TABLE_NAME=@t ORDER BY ORDINAL_POSITION", c);
        cmd.Parameters.AddWithValue("@d", database);
        cmd.Parameters.AddWithValue("@t", table);
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
        {
            var type = r.GetString(1);
            var text = type.Contains("char", StringComparison.Ordinal) || type.Contains("text", StringComparison.Ordinal)
                || type.Contains("blob", StringComparison.Ordinal) || type.Contains("binary", StringComparison.Ordinal)
                || type is "json" or "enum" or "set" or "geometry" or "point" or "linestring" or "polygon" or "bit";
            list.Add(new Column(r.GetString(0), text));
        }

        Assert.True(list.Count > 0, $"{database}.{table} has no columns or does not exist");
        return list;
    }

    private static async Task<List<string>> KeyAsync(MySqlConnection c, string database, string table)
    {
        var keys = new List<string>();
        await using var cmd = new MySqlCommand(
            "SELECT COLUMN_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA=@d AND TABLE_NAME=@t AND INDEX_NAME='PRIMARY' ORDER BY SEQ_IN_INDEX", c);
        cmd.Parameters.AddWithValue("@d", database);
        cmd.Parameters.AddWithValue("@t", table);
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
        {
            keys.Add(r.GetString(0));
        }

        return keys;
    }
}
