using FlexMigrate.Core.Schema;

namespace FlexMigrate.Core.Precheck;

/// <summary>Counts of bad date values in one column.</summary>
/// <param name="ZeroDates">'0000-00-00' (and '0000-00-00 00:00:00').</param>
/// <param name="ZeroInDates">Month or day zero but not the whole date, e.g. '2020-00-15'.</param>
/// <param name="InvalidDates">Days past the month's end, e.g. '2020-02-30' (stored under ALLOW_INVALID_DATES).</param>
internal sealed record BadDateCounts(long ZeroDates, long ZeroInDates, long InvalidDates);

/// <summary>What one pass over a source table found.</summary>
/// <param name="BadDates">Per DATE/DATETIME/TIMESTAMP column (<see cref="ColumnKinds.IsDate"/>), its bad values.</param>
/// <param name="MaxLobBytes">Bytes of the largest row's BLOB/TEXT/JSON/spatial columns (<see cref="ColumnKinds.IsLob"/>) together.</param>
internal sealed record TableScan(IReadOnlyDictionary<string, BadDateCounts> BadDates, long MaxLobBytes);

/// <summary>Data reads of the source for the rules that must look at rows, not metadata.</summary>
internal interface ISourceData
{
    /// <summary>
    /// Scans <paramref name="table"/> once for everything the data rules need; later calls for the same table reuse
    /// the result, so a table with dates and BLOBs is read once, not once per rule.
    /// </summary>
    Task<TableScan> ScanAsync(TableFacts table, CancellationToken cancellationToken);
}

/// <summary>Column types the data rules look at.</summary>
internal static class ColumnKinds
{
    private static readonly HashSet<string> DateTypes = new(StringComparer.OrdinalIgnoreCase) { "date", "datetime", "timestamp" };

    public static bool IsDate(ColumnFacts column) => DateTypes.Contains(column.DataType);

    /// <summary>Types whose values can exceed the in-row limit (stored off-row).</summary>
    public static bool IsLob(ColumnFacts column) => ColumnTypes.IsLarge(column.DataType);
}
