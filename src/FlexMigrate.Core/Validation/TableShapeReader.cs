using MySqlConnector;

namespace FlexMigrate.Core.Validation;

/// <summary>Reads a table's columns and identifying key from information_schema on one server.</summary>
internal static class TableShapeReader
{
    /// <summary>A table as found on one server; null from <see cref="ReadAsync"/> when the table does not exist.</summary>
    /// <param name="Columns">All columns in ordinal order.</param>
    /// <param name="KeyColumns">PRIMARY KEY, else the first UNIQUE key over NOT NULL columns; empty when neither exists.</param>
    /// <param name="KeyHasPrefix">True when a key part indexes only a prefix of its column (no range chunking then).</param>
    internal sealed record Found(IReadOnlyList<ValidatedColumn> Columns, IReadOnlyList<string> KeyColumns, bool KeyHasPrefix);

    public static async Task<Found?> ReadAsync(MySqlConnection connection, TableRef table, CancellationToken cancellationToken)
    {
        var columns = new List<ValidatedColumn>();
        var nullable = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await using (var command = new MySqlCommand(
            """
            SELECT COLUMN_NAME, LOWER(DATA_TYPE), COLUMN_TYPE, CHARACTER_SET_NAME, COLLATION_NAME,
                   NUMERIC_PRECISION, NUMERIC_SCALE, DATETIME_PRECISION, IS_NULLABLE
            FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = @db AND TABLE_NAME = @t ORDER BY ORDINAL_POSITION
            """, connection))
        {
            command.Parameters.AddWithValue("@db", table.Database);
            command.Parameters.AddWithValue("@t", table.Table);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var name = reader.GetString(0);
                columns.Add(new ValidatedColumn(
                    name, reader.GetString(1), reader.GetString(2), NullableString(reader, 3), NullableString(reader, 4),
                    NullableInt(reader, 5), NullableInt(reader, 6), NullableInt(reader, 7)));
                if (reader.GetString(8) == "YES")
                {
                    nullable.Add(name);
                }
            }
        }

        if (columns.Count == 0)
        {
            return null;
        }

        var indexes = await ReadUniqueIndexesAsync(connection, table, cancellationToken);
        var key = indexes.FirstOrDefault(i => i.Name == "PRIMARY")
            ?? indexes.FirstOrDefault(i => i.Columns.All(c => !nullable.Contains(c)));
        return key is null
            ? new Found(columns, [], false)
            : new Found(columns, key.Columns, key.HasPrefix);
    }

    private sealed record UniqueIndex(string Name, List<string> Columns, bool HasPrefix);

    private static async Task<List<UniqueIndex>> ReadUniqueIndexesAsync(MySqlConnection connection, TableRef table, CancellationToken cancellationToken)
    {
        var indexes = new List<UniqueIndex>();
        await using var command = new MySqlCommand(
            """
            SELECT INDEX_NAME, COLUMN_NAME, SUB_PART FROM information_schema.STATISTICS
            WHERE TABLE_SCHEMA = @db AND TABLE_NAME = @t AND NON_UNIQUE = 0 AND COLUMN_NAME IS NOT NULL
            ORDER BY INDEX_NAME = 'PRIMARY' DESC, INDEX_NAME, SEQ_IN_INDEX
            """, connection);
        command.Parameters.AddWithValue("@db", table.Database);
        command.Parameters.AddWithValue("@t", table.Table);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var name = reader.GetString(0);
            if (indexes.Count == 0 || indexes[^1].Name != name)
            {
                indexes.Add(new UniqueIndex(name, [], false));
            }

            indexes[^1].Columns.Add(reader.GetString(1));
            if (!reader.IsDBNull(2))
            {
                indexes[^1] = indexes[^1] with { HasPrefix = true };
            }
        }

        return indexes;
    }

    private static string? NullableString(MySqlDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);

    private static int? NullableInt(MySqlDataReader reader, int i) =>
        reader.IsDBNull(i) ? null : (int)Math.Min(int.MaxValue, Convert.ToInt64(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture));
}
