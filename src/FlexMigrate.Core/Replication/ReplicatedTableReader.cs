using MySqlConnector;

namespace FlexMigrate.Core.Replication;

/// <summary>
/// Reads and caches <see cref="ReplicatedTable"/>s from the SOURCE information_schema (the target has no unique
/// secondary keys before catch-up), falling back to the target when the source no longer has the table (dropped or
/// renamed later in the stream). Applied table DDL clears the cache (<see cref="Forget"/>).
/// </summary>
internal sealed class ReplicatedTableReader(MySqlConnection source, MySqlConnection target)
{
    private readonly Dictionary<(string, string), ReplicatedTable> _cache = [];

    public void Forget() => _cache.Clear();

    public async ValueTask<ReplicatedTable> GetAsync(string database, string table, MySqlTransaction? targetTransaction, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue((database, table), out var known))
        {
            return known;
        }

        var shape = await ReadAsync(source, null, database, table, cancellationToken).ConfigureAwait(false)
            ?? await ReadAsync(target, targetTransaction, database, table, cancellationToken).ConfigureAwait(false)
            ?? new ReplicatedTable(database, table, [], new HashSet<string>(StringComparer.OrdinalIgnoreCase));
        _cache[(database, table)] = shape;
        return shape;
    }

    private static async Task<ReplicatedTable?> ReadAsync(MySqlConnection connection, MySqlTransaction? transaction, string database, string table, CancellationToken cancellationToken)
    {
        var nullable = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
        // Column names are case-insensitive in MySQL, so the binlog's spelling may differ from information_schema's.
        var generated = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await using (var columns = new MySqlCommand(
            "SELECT COLUMN_NAME, IS_NULLABLE, EXTRA FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = @db AND TABLE_NAME = @t", connection, transaction))
        {
            columns.Parameters.AddWithValue("@db", database);
            columns.Parameters.AddWithValue("@t", table);
            await using var reader = await columns.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var name = reader.GetString(0);
                nullable[name] = reader.GetString(1) == "YES";
                var extra = reader.IsDBNull(2) ? "" : reader.GetString(2).ToUpperInvariant();
                // MySQL 8 marks expression defaults DEFAULT_GENERATED: those are ordinary columns.
                if (extra.Contains("VIRTUAL GENERATED", StringComparison.Ordinal) || extra.Contains("STORED GENERATED", StringComparison.Ordinal)
                    || extra.Contains("PERSISTENT GENERATED", StringComparison.Ordinal))
                {
                    generated.Add(name);
                }
            }
        }

        if (nullable.Count == 0)
        {
            return null;
        }

        var indexes = new List<(string Index, bool Unique, List<string> Columns)>();
        await using (var stats = new MySqlCommand("""
            SELECT INDEX_NAME, NON_UNIQUE, COLUMN_NAME FROM information_schema.STATISTICS
            WHERE TABLE_SCHEMA = @db AND TABLE_NAME = @t
            ORDER BY INDEX_NAME = 'PRIMARY' DESC, INDEX_NAME, SEQ_IN_INDEX
            """, connection, transaction))
        {
            stats.Parameters.AddWithValue("@db", database);
            stats.Parameters.AddWithValue("@t", table);
            await using var reader = await stats.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var index = reader.GetString(0);
                if (indexes.Count == 0 || indexes[^1].Index != index)
                {
                    indexes.Add((index, Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture) == 0, []));
                }

                // A prefix or functional key part has no column name; such an index cannot identify rows by value.
                indexes[^1].Columns.Add(reader.IsDBNull(2) ? "" : reader.GetString(2));
            }
        }

        var key = indexes.FirstOrDefault(i => i.Unique && i.Columns.All(c => c.Length > 0 && nullable.TryGetValue(c, out var n) && !n && !generated.Contains(c)));
        return new ReplicatedTable(database, table, key.Columns ?? [], generated);
    }
}
