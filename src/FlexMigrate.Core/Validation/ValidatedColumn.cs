using FlexMigrate.Core.Schema;

namespace FlexMigrate.Core.Validation;

/// <summary>One column as information_schema.COLUMNS describes it on one server.</summary>
/// <param name="Name">Column name.</param>
/// <param name="DataType">DATA_TYPE, lower case (int, varchar, datetime, ...).</param>
/// <param name="ColumnType">COLUMN_TYPE (e.g. "int(10) unsigned", "enum('a','b')").</param>
/// <param name="CharacterSet">CHARACTER_SET_NAME, null for non-text columns.</param>
/// <param name="Collation">COLLATION_NAME, null for non-text columns.</param>
/// <param name="NumericPrecision">NUMERIC_PRECISION (DECIMAL digits), null otherwise.</param>
/// <param name="NumericScale">NUMERIC_SCALE, null otherwise.</param>
/// <param name="DatetimePrecision">DATETIME_PRECISION (fractional second digits), null otherwise.</param>
public sealed record ValidatedColumn(
    string Name,
    string DataType,
    string ColumnType,
    string? CharacterSet,
    string? Collation,
    int? NumericPrecision,
    int? NumericScale,
    int? DatetimePrecision)
{
    public bool IsUnsigned => ColumnType.Contains("unsigned", StringComparison.OrdinalIgnoreCase);

    internal ColumnTypeFamily Kind { get; } = ColumnTypes.FamilyOf(DataType);
}
