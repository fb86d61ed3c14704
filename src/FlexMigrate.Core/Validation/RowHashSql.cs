using FlexMigrate.Core.Schema;
using FlexMigrate.Core.Sql;

namespace FlexMigrate.Core.Validation;

/// <summary>
/// SQL that turns a row into exact text and hashes it on the server. Each column becomes text that two servers
/// produce identically for identical stored values and differently for different ones: bytes as hex (so NULL, '',
/// 'a ' and BINARY padding all differ), floats widened to DOUBLE's shortest round-trip text, temporals with their
/// fractional digits (TIMESTAMP read at time_zone +00:00), large values as the MD5 of their bytes.
/// </summary>
internal static class RowHashSql
{
    /// <summary>Marks NULL; no column text ever equals it (hex, digits, MD5 and temporal text have no '~').</summary>
    public const string NullMarker = "'~'";

    /// <summary>A column's exact text, NULL-safe.</summary>
    public static string Value(ValidatedColumn column)
    {
        var q = SqlText.Identifier(column.Name);
        var text = column.Kind switch
        {
            ColumnTypeFamily.Integer or ColumnTypeFamily.Decimal or ColumnTypeFamily.Double or ColumnTypeFamily.Temporal => q,
            ColumnTypeFamily.Float => $"({q} + 0e0)",
            ColumnTypeFamily.Bit => $"({q} + 0)",
            ColumnTypeFamily.Char or ColumnTypeFamily.Enum or ColumnTypeFamily.Set or ColumnTypeFamily.Binary => $"HEX({q})",
            _ => $"MD5({q})",
        };
        return $"IFNULL({text},{NullMarker})";
    }

    /// <summary>The whole row as text: column texts joined by '|' (which no column text contains).</summary>
    public static string RowText(IReadOnlyList<ValidatedColumn> columns) =>
        "CONCAT_WS('|'," + string.Join(",", columns.Select(Value)) + ")";

    /// <summary>MD5 hex of the row text: the row's identity in row-level comparison.</summary>
    public static string RowHash(IReadOnlyList<ValidatedColumn> columns) => $"MD5({RowText(columns)})";

    /// <summary>
    /// The first 64 bits of the row's MD5 as BIGINT UNSIGNED. Summed per chunk (SUM over BIGINT gives an exact DECIMAL),
    /// the result does not depend on row order and, unlike BIT_XOR, still sees a duplicated row.
    /// </summary>
    public static string RowHash64(IReadOnlyList<ValidatedColumn> columns) =>
        $"CAST(CONV(LEFT({RowHash(columns)},16),16,10) AS UNSIGNED)";
}
