using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using FlexMigrate.Core.Schema;
using FlexMigrate.Core.Sql;
using MySqlConnector;

namespace FlexMigrate.Core.Binlog.Schema;

/// <summary>
/// Column names, signedness and collations from information_schema, for binlogs without optional metadata
/// (MySQL 5.6/5.7, binlog_row_metadata=MINIMAL). Versioned by DDL in stream order: a DDL QUERY event invalidates the
/// tables it may touch so the next TABLE_MAP re-reads them. information_schema shows the schema as it is now, so
/// events older than a later DDL can still disagree; <see cref="TableMapResolver"/> then fails with a clear mismatch
/// instead of shifting values into the wrong columns.
/// </summary>
internal sealed partial class TableSchemaCatalog(string connectionString)
{
    private readonly ConcurrentDictionary<(string Db, string Table), CatalogColumn[]> _tables = new();

    public bool TryGet(string database, string table, out CatalogColumn[] columns) =>
        _tables.TryGetValue((database, table), out columns!);

    public async Task LoadAsync(string database, string table, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT c.COLUMN_NAME, c.DATA_TYPE, c.COLUMN_TYPE, c.COLLATION_NAME, co.ID
            FROM information_schema.COLUMNS c
            LEFT JOIN information_schema.COLLATIONS co ON co.COLLATION_NAME = c.COLLATION_NAME
            WHERE c.TABLE_SCHEMA = @db AND c.TABLE_NAME = @t
            ORDER BY c.ORDINAL_POSITION
            """;
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new MySqlCommand(sql, connection);
        command.Parameters.AddWithValue("@db", database);
        command.Parameters.AddWithValue("@t", table);
        var columns = new List<CatalogColumn>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var dataType = reader.GetString(1).ToLowerInvariant();
                var columnType = reader.GetString(2);
                var collation = reader.IsDBNull(4) ? (ColumnTypes.IsByteString(ColumnTypes.FamilyOf(dataType)) ? 63 : -1) : Convert.ToInt32(reader.GetValue(4), System.Globalization.CultureInfo.InvariantCulture);
                columns.Add(new CatalogColumn(reader.GetString(0), dataType,
                    columnType.Contains("unsigned", StringComparison.OrdinalIgnoreCase), collation));
            }
        }

        if (columns.Count == 0)
        {
            throw new BinlogSchemaMismatchException($"Table {SqlText.Qualified(database, table)} appears in the binlog but not in information_schema on the source (dropped or renamed since). " +
                "Enable binlog_row_metadata=FULL on the source so events carry their own column names, or restart from a position after the DDL.");
        }

        _tables[(database, table)] = [.. columns];
    }

    /// <summary>Forgets tables a DDL statement may change: every table named in it, or all of the database when unsure.</summary>
    public void Invalidate(string defaultDatabase, string sql)
    {
        if (!DdlPattern().IsMatch(sql))
        {
            return;
        }

        foreach (var key in _tables.Keys)
        {
            if (sql.Contains(key.Table, StringComparison.OrdinalIgnoreCase) || key.Db == defaultDatabase)
            {
                _tables.TryRemove(key, out _);
            }
        }
    }

    [GeneratedRegex(@"^\s*(/\*.*?\*/\s*)*(ALTER|CREATE|DROP|RENAME|TRUNCATE)\b", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex DdlPattern();
}
