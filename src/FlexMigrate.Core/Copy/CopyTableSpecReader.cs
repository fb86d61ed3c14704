using FlexMigrate.Core.Schema;
using MySqlConnector;

namespace FlexMigrate.Core.Copy;

/// <summary>
/// Builds a <see cref="CopyTableSpec"/> from the source's information_schema (MySQL 5.6+ and MariaDB 10.x):
/// the stored columns in ordinal order and the key that chunks the table.
/// </summary>
public static class CopyTableSpecReader
{
    /// <summary>Reads the copy spec of <paramref name="database"/>.<paramref name="table"/> on the source.</summary>
    public static async Task<CopyTableSpec> ReadAsync(string sourceConnectionString, string database, string table,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await CopySessions.OpenSourceAsync(sourceConnectionString, cancellationToken);
        var (allColumns, estimatedRows) = await ReadColumnsAsync(connection, database, table, cancellationToken);
        var copied = allColumns.Where(c => !c.Generated).Select(c => c.Column).ToList();
        var key = await ReadKeyAsync(connection, database, table, allColumns, cancellationToken);
        return new CopyTableSpec(database, table, copied, key, estimatedRows);
    }

    private sealed record ColumnInfo(CopyColumn Column, bool Generated);

    private static async Task<(List<ColumnInfo> Columns, long EstimatedRows)> ReadColumnsAsync(MySqlConnection connection,
        string database, string table, CancellationToken cancellationToken)
    {
        // EXTRA reads 'VIRTUAL GENERATED' / 'STORED GENERATED' (MySQL 5.7+, MariaDB 10.2+) or 'VIRTUAL' /
        // 'PERSISTENT' (older MariaDB); IS_GENERATED does not exist on MySQL 5.6, so EXTRA is the portable source.
        const string sql = """
            SELECT c.COLUMN_NAME, c.DATA_TYPE, c.CHARACTER_SET_NAME, c.EXTRA, t.TABLE_ROWS
            FROM information_schema.TABLES t
            JOIN information_schema.COLUMNS c ON c.TABLE_SCHEMA = t.TABLE_SCHEMA AND c.TABLE_NAME = t.TABLE_NAME
            WHERE t.TABLE_SCHEMA = @db AND t.TABLE_NAME = @table
            ORDER BY c.ORDINAL_POSITION
            """;
        await using var command = new MySqlCommand(sql, connection);
        command.Parameters.AddWithValue("@db", database);
        command.Parameters.AddWithValue("@table", table);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var columns = new List<ColumnInfo>();
        long estimatedRows = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            var extra = reader.GetString(3).ToUpperInvariant();
            var generated = extra.Contains("GENERATED", StringComparison.Ordinal) || extra.Contains("VIRTUAL", StringComparison.Ordinal)
                || extra.Contains("PERSISTENT", StringComparison.Ordinal);
            var charset = reader.IsDBNull(2) ? null : reader.GetString(2);
            columns.Add(new ColumnInfo(new CopyColumn(reader.GetString(0), reader.GetString(1).ToLowerInvariant(), charset), generated));
            estimatedRows = reader.IsDBNull(4) ? 0 : Convert.ToInt64(reader.GetValue(4), System.Globalization.CultureInfo.InvariantCulture);
        }
        if (columns.Count == 0)
            throw new CopyException(
                $"Table {database}.{table} does not exist on the source (or the migration user cannot see it); check the name and grants.");
        return (columns, estimatedRows);
    }

    /// <summary>
    /// The primary key, else the unique key with the fewest columns whose columns are all NOT NULL and whole (no
    /// prefix, no functional part), else none. Keys over a type that cannot bound chunks count as none.
    /// </summary>
    private static async Task<List<CopyColumn>> ReadKeyAsync(MySqlConnection connection, string database, string table,
        List<ColumnInfo> columns, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT INDEX_NAME, COLUMN_NAME, SUB_PART, NULLABLE
            FROM information_schema.STATISTICS
            WHERE TABLE_SCHEMA = @db AND TABLE_NAME = @table AND NON_UNIQUE = 0
            ORDER BY INDEX_NAME = 'PRIMARY' DESC, INDEX_NAME, SEQ_IN_INDEX
            """;
        await using var command = new MySqlCommand(sql, connection);
        command.Parameters.AddWithValue("@db", database);
        command.Parameters.AddWithValue("@table", table);
        var indexes = new List<(string Name, List<string?> Columns, bool Usable)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var name = reader.GetString(0);
                var column = reader.IsDBNull(1) ? null : reader.GetString(1);
                var usable = column is not null && reader.IsDBNull(2) && !string.Equals(reader.GetString(3), "YES", StringComparison.OrdinalIgnoreCase);
                if (indexes.Count == 0 || indexes[^1].Name != name)
                    indexes.Add((name, [], true));
                var current = indexes[^1];
                current.Columns.Add(column);
                indexes[^1] = current with { Usable = current.Usable && usable };
            }
        }
        var byName = columns.ToDictionary(c => c.Column.Name, c => c.Column, StringComparer.OrdinalIgnoreCase);
        var chosen = indexes
            .Where(i => i.Usable && i.Columns.All(c => byName.TryGetValue(c!, out var col) && ColumnTypes.CanBoundChunks(col.Kind)))
            .OrderBy(i => i.Name == "PRIMARY" ? 0 : 1).ThenBy(i => i.Columns.Count)
            .FirstOrDefault();
        return chosen.Columns is null ? [] : chosen.Columns.Select(c => byName[c!]).ToList();
    }
}
