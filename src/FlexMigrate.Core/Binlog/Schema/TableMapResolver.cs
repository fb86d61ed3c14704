using FlexMigrate.Core.Binlog.Events;
using FlexMigrate.Core.Binlog.Values;
using FlexMigrate.Core.Schema;
using FlexMigrate.Core.Sql;

namespace FlexMigrate.Core.Binlog.Schema;

/// <summary>
/// Decides whether a TABLE_MAP describes itself fully (binlog_row_metadata=FULL) or needs information_schema, and
/// checks the two agree: TABLE_MAP is positional, so a column count or type disagreement means the schema moved
/// since the event was written and decoding would put values in the wrong columns.
/// </summary>
internal static class TableMapResolver
{
    public static bool NeedsCatalog(TableMapEvent map, bool preferCatalog)
    {
        if (preferCatalog || map.ColumnNames is null)
        {
            return true;
        }

        var specs = map.Specs;
        for (var i = 0; i < specs.Length; i++)
        {
            if ((specs[i].IsNumeric && map.Unsigned is null) || (specs[i].IsCharacter && map.Collations is null))
            {
                return true;
            }
        }

        return false;
    }

    public static ResolvedTable Resolve(TableMapEvent map, CatalogColumn[]? catalog, bool preferCatalog)
    {
        var n = map.Specs.Length;
        if (catalog is not null && catalog.Length != n)
        {
            throw new BinlogSchemaMismatchException(
                $"TABLE_MAP for {SqlText.Qualified(map.Database, map.Table)} has {n} columns but information_schema shows {catalog.Length}: the table changed after this event was written. " +
                "Set binlog_row_metadata=FULL on the source (MySQL 8.0 / MariaDB 10.5+), or restart replication from a position after the DDL.");
        }

        var columns = new BinlogColumn[n];
        var specs = new ColumnSpec[n];
        for (var i = 0; i < n; i++)
        {
            var spec = map.Specs[i];
            var fromCatalog = catalog?[i];
            if (fromCatalog is not null && !TypesAgree(spec.Type, fromCatalog.DataType))
            {
                throw new BinlogSchemaMismatchException(
                    $"Column {i + 1} of {SqlText.Qualified(map.Database, map.Table)} is {spec.Type} in the binlog but `{fromCatalog.Name}` {fromCatalog.DataType} in information_schema: the table changed after this event was written. " +
                    "Set binlog_row_metadata=FULL on the source, or restart replication from a position after the DDL.");
            }

            var name = preferCatalog ? fromCatalog?.Name ?? map.ColumnNames?[i] : map.ColumnNames?[i] ?? fromCatalog?.Name;
            var unsigned = spec.IsNumeric && (preferCatalog
                ? fromCatalog?.IsUnsigned ?? map.Unsigned?[i] ?? false
                : map.Unsigned?[i] ?? fromCatalog?.IsUnsigned ?? false);
            var collation = preferCatalog
                ? fromCatalog?.CollationId ?? map.Collations?[i] ?? -1
                : map.Collations?[i] ?? fromCatalog?.CollationId ?? -1;
            specs[i] = spec with { Unsigned = unsigned, PadBinary = spec.Type == ColumnType.String && collation == 63 };
            columns[i] = new BinlogColumn(name ?? $"@{i + 1}", spec.Type, unsigned, collation, spec.Meta)
            {
                Members = map.Members.Length > i ? map.Members[i] : null,
            };
        }

        return new ResolvedTable(map, columns, specs);
    }

    // information_schema DATA_TYPE values each binlog type may come from (MariaDB JSON is LONGTEXT; UUID/INET are fixed binary).
    private static bool TypesAgree(ColumnType type, string dataType) => TypesAgree(type, dataType, ColumnTypes.FamilyOf(dataType));

    private static bool TypesAgree(ColumnType type, string dataType, ColumnTypeFamily family) => type switch
    {
        ColumnType.Tiny => dataType is "tinyint" or "bool" or "boolean",
        ColumnType.Short => dataType is "smallint",
        ColumnType.Int24 => dataType is "mediumint",
        ColumnType.Long => dataType is "int" or "integer",
        ColumnType.LongLong => dataType is "bigint",
        ColumnType.Float => family == ColumnTypeFamily.Float,
        ColumnType.Double => family == ColumnTypeFamily.Double,
        ColumnType.NewDecimal or ColumnType.Decimal => family == ColumnTypeFamily.Decimal,
        ColumnType.Year => dataType is "year",
        ColumnType.Date or ColumnType.NewDate => dataType is "date",
        ColumnType.Time or ColumnType.Time2 => dataType is "time",
        ColumnType.DateTime or ColumnType.DateTime2 => dataType is "datetime",
        ColumnType.Timestamp or ColumnType.Timestamp2 => dataType is "timestamp",
        ColumnType.Bit => dataType is "bit",
        ColumnType.Enum => dataType is "enum",
        ColumnType.Set => dataType is "set",
        ColumnType.Json => dataType is "json",
        ColumnType.VarChar or ColumnType.VarString => dataType is "varchar" or "varbinary" or "inet6" or "inet4" or "uuid",
        ColumnType.String => dataType is "char" or "binary" or "inet6" or "inet4" or "uuid",
        ColumnType.Blob or ColumnType.TinyBlob or ColumnType.MediumBlob or ColumnType.LongBlob =>
            family is ColumnTypeFamily.Text or ColumnTypeFamily.Blob or ColumnTypeFamily.Json,
        ColumnType.Geometry => family == ColumnTypeFamily.Geometry,
        _ => true,
    };
}
