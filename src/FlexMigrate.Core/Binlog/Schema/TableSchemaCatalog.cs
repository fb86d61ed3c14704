using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using FlexMigrate.Core.Schema;
using FlexMigrate.Core.Sql;
using MySqlConnector;

namespace FlexMigrate.Core.Binlog.Schema;

/// <summary>
/// Column names, signedness and collations from information_schema (the columns through the shared reader,
/// <see cref="TableSchemaQueries.ReadShapesAsync"/>; collation ids from <see cref="TableSchemaQueries.ReadCollationIdsAsync"/>,
/// read once), for binlogs without optional metadata
/// (MySQL 5.6/5.7, binlog_row_metadata=MINIMAL). Versioned by DDL in stream order: a DDL QUERY event invalidates the
/// tables it may touch so the next TABLE_MAP re-reads them. information_schema shows the schema as it is now, so
/// events older than a later DDL can still disagree; <see cref="TableMapResolver"/> then fails with a clear mismatch
/// instead of shifting values into the wrong columns.
/// </summary>
internal sealed partial class TableSchemaCatalog(string connectionString)
{
    private readonly ConcurrentDictionary<(string Db, string Table), CatalogColumn[]> _tables = new();
    private IReadOnlyDictionary<string, int>? _collationIds;

    public bool TryGet(string database, string table, out CatalogColumn[] columns) =>
        _tables.TryGetValue((database, table), out columns!);

    public async Task LoadAsync(string database, string table, CancellationToken cancellationToken)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        _collationIds ??= await TableSchemaQueries.ReadCollationIdsAsync(connection, cancellationToken).ConfigureAwait(false);
        var shapes = await TableSchemaQueries.ReadShapesAsync(connection, null, database, table, cancellationToken).ConfigureAwait(false);
        var columns = shapes is [var shape] ? shape.Columns.Select(c => Column(c, _collationIds)).ToList() : [];
        if (columns.Count == 0)
        {
            throw new BinlogSchemaMismatchException($"Table {SqlText.Qualified(database, table)} appears in the binlog but not in information_schema on the source (dropped or renamed since). " +
                "Enable binlog_row_metadata=FULL on the source so events carry their own column names, or restart from a position after the DDL.");
        }

        _tables[(database, table)] = [.. columns];
    }

    /// <summary>
    /// The column as the row decoder needs it: the collation id that tells text from bytes (63 = binary for the byte
    /// string types, -1 for non-text columns), as a TABLE_MAP's optional metadata would carry it.
    /// </summary>
    internal static CatalogColumn Column(ColumnSchema column, IReadOnlyDictionary<string, int> collationIds)
    {
        var dataType = column.DataType.ToLowerInvariant();
        var collation = column.Collation is { } name && collationIds.TryGetValue(name, out var id) ? id
            : ColumnTypes.IsByteString(ColumnTypes.FamilyOf(dataType)) ? 63 : -1;
        return new CatalogColumn(column.Name, dataType, column.ColumnType.Contains("unsigned", StringComparison.OrdinalIgnoreCase), collation);
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
