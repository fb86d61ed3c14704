using System.Text.Json.Serialization;
using FlexMigrate.Core.Sql;

namespace FlexMigrate.Core.Copy;

/// <summary>
/// What the copy needs to know about one table: its columns to copy, in order (generated columns excluded: the
/// target computes them), the key that orders and bounds chunks (the primary key, else a unique key over NOT NULL
/// columns, else empty: the table is copied whole), and the estimated row count used to size chunks.
/// Small and serializable: it travels in durable activity inputs.
/// </summary>
public sealed record CopyTableSpec(
    string Database,
    string Table,
    IReadOnlyList<CopyColumn> Columns,
    IReadOnlyList<CopyColumn> KeyColumns,
    long EstimatedRows)
{
    /// <summary>
    /// The generated columns (not copied: the target computes them). A warning that names one of them while loading is
    /// the target computing it, not a loaded value it changed (see TableCopier's warning check).
    /// </summary>
    public IReadOnlyList<string> GeneratedColumns { get; init; } = [];

    /// <summary>
    /// The table's average row on the source in bytes (information_schema estimates; 0 when unknown): a wide table's
    /// chunks are read one at a time per process (<see cref="WideRows"/>).
    /// </summary>
    public long AverageRowBytes { get; init; }

    /// <summary>True when the table has a usable key, so it can be split into key-range chunks.</summary>
    [JsonIgnore]
    public bool HasKey => KeyColumns.Count > 0;

    /// <summary>`database`.`table`, quoted for SQL.</summary>
    [JsonIgnore]
    public string QualifiedName => SqlText.Qualified(Database, Table);

    /// <summary>database.table as a person reads it in messages.</summary>
    [JsonIgnore]
    public string DisplayName => $"{Database}.{Table}";
}
