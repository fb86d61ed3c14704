using System.Text.Json.Serialization;

namespace FlexMigrate.Core.Schema;

/// <summary>Whether and how a column is computed.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GeneratedKind>))]
public enum GeneratedKind
{
    /// <summary>An ordinary column.</summary>
    None,

    /// <summary>Computed on read; not stored, never written by a copy.</summary>
    Virtual,

    /// <summary>Computed on write and stored (MariaDB: PERSISTENT); still never written by a copy.</summary>
    Stored,
}

/// <summary>One column, from information_schema.COLUMNS.</summary>
/// <param name="Name">Column name.</param>
/// <param name="Ordinal">1-based position.</param>
/// <param name="DataType">Bare type name, lower case (int, varchar, decimal, ...).</param>
/// <param name="ColumnType">Full type as declared: length, precision, unsigned, zerofill, enum values.</param>
/// <param name="CharacterSet">Character set of a text column; null for others.</param>
/// <param name="Collation">Collation of a text column; null for others.</param>
/// <param name="IsNullable">NULL allowed.</param>
/// <param name="Default">COLUMN_DEFAULT as the server reports it (MariaDB quotes string literals and reports the
/// text "NULL" for a NULL default; MySQL reports literals bare and NULL as null); null when none.</param>
/// <param name="OnUpdate">The ON UPDATE expression (e.g. current_timestamp(6)), or null.</param>
/// <param name="Generated">None, Virtual or Stored.</param>
/// <param name="GenerationExpression">Expression of a generated column, or null.</param>
/// <param name="IsInvisible">Hidden from SELECT * (MariaDB INVISIBLE, MySQL 8.0.23+ INVISIBLE).</param>
/// <param name="IsAutoIncrement">AUTO_INCREMENT column.</param>
/// <param name="Comment">Column comment.</param>
/// <param name="NumericPrecision">NUMERIC_PRECISION (digits of a DECIMAL), null for other types.</param>
/// <param name="NumericScale">NUMERIC_SCALE, null for non-numeric types.</param>
/// <param name="DatetimePrecision">DATETIME_PRECISION (fractional second digits), null for non-temporal types.</param>
/// <param name="Extra">EXTRA as the server reports it (what the fields above derive from it, kept for schema validation's
/// comparison), or null when empty.</param>
public sealed record ColumnSchema(
    string Name,
    int Ordinal,
    string DataType,
    string ColumnType,
    string? CharacterSet,
    string? Collation,
    bool IsNullable,
    string? Default,
    string? OnUpdate,
    GeneratedKind Generated,
    string? GenerationExpression,
    bool IsInvisible,
    bool IsAutoIncrement,
    string Comment,
    int? NumericPrecision = null,
    int? NumericScale = null,
    int? DatetimePrecision = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Extra = null)
{
    /// <summary>The column's type family (<see cref="ColumnTypes"/>).</summary>
    [JsonIgnore]
    public ColumnTypeFamily Family => ColumnTypes.FamilyOf(DataType);
}
