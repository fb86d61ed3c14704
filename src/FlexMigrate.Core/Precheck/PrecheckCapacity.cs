using System.Text.Json.Serialization;

namespace FlexMigrate.Core.Precheck;

/// <summary>Size of one table on the source (information_schema estimates: InnoDB row counts are approximate).</summary>
public sealed record TableSize(
    [property: JsonPropertyName("database")] string Database,
    [property: JsonPropertyName("table")] string Table,
    [property: JsonPropertyName("rows")] long Rows,
    [property: JsonPropertyName("bytes")] long Bytes);

/// <summary>Size of one database on the source (tables in scope only).</summary>
public sealed record DatabaseSize(
    [property: JsonPropertyName("database")] string Database,
    [property: JsonPropertyName("tables")] int Tables,
    [property: JsonPropertyName("rows")] long Rows,
    [property: JsonPropertyName("bytes")] long Bytes);

/// <summary>
/// How much will be copied and how long it should take. Only the <see cref="LargestTables"/> are listed per table,
/// so the report stays small enough for a durable payload whatever the table count.
/// </summary>
public sealed record PrecheckCapacity(
    [property: JsonPropertyName("databases")] IReadOnlyList<DatabaseSize> Databases,
    [property: JsonPropertyName("largestTables")] IReadOnlyList<TableSize> LargestTables,
    [property: JsonPropertyName("totalTables")] int TotalTables,
    [property: JsonPropertyName("totalRows")] long TotalRows,
    [property: JsonPropertyName("totalBytes")] long TotalBytes,
    [property: JsonPropertyName("copyRate")] CopyRate CopyRate,
    [property: JsonPropertyName("estimatedCopySeconds")] double EstimatedCopySeconds,
    [property: JsonPropertyName("targetFreeStorageBytes")] long? TargetFreeStorageBytes)
{
    /// <summary>How many tables <see cref="LargestTables"/> lists at most.</summary>
    public const int LargestTablesListed = 20;

    public static PrecheckCapacity Empty(CopyRate rate, long? freeBytes) => new([], [], 0, 0, 0, rate, 0, freeBytes);
}
