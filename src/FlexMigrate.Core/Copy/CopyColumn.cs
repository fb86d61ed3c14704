using System.Text.Json.Serialization;
using FlexMigrate.Core.Schema;

namespace FlexMigrate.Core.Copy;

/// <summary>
/// One column that the copy reads from the source and writes to the target, as information_schema.COLUMNS
/// describes it. <see cref="DataType"/> is the bare lower-case type name (DATA_TYPE), <see cref="CharacterSet"/> is
/// set for character columns only.
/// </summary>
public sealed record CopyColumn(string Name, string DataType, string? CharacterSet)
{
    /// <summary>How the copy moves this column's values exactly (derived from <see cref="DataType"/>).</summary>
    [JsonIgnore]
    public ColumnTypeFamily Kind { get; } = ColumnTypes.FamilyOf(DataType);
}
