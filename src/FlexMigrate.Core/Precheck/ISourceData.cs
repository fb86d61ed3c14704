namespace FlexMigrate.Core.Precheck;

/// <summary>Counts of bad date values in one column.</summary>
/// <param name="ZeroDates">'0000-00-00' (and '0000-00-00 00:00:00').</param>
/// <param name="ZeroInDates">Month or day zero but not the whole date, e.g. '2020-00-15'.</param>
/// <param name="InvalidDates">Days past the month's end, e.g. '2020-02-30' (stored under ALLOW_INVALID_DATES).</param>
internal sealed record BadDateCounts(long ZeroDates, long ZeroInDates, long InvalidDates)
{
    public long Total => ZeroDates + ZeroInDates + InvalidDates;
}

/// <summary>Data reads of the source for the rules that must look at rows, not metadata.</summary>
internal interface ISourceData
{
    /// <summary>Per column of <paramref name="columns"/> (DATE, DATETIME, TIMESTAMP), how many bad values it holds.</summary>
    Task<IReadOnlyDictionary<string, BadDateCounts>> CountBadDatesAsync(
        TableFacts table, IReadOnlyList<ColumnFacts> columns, CancellationToken cancellationToken);

    /// <summary>Length in bytes of the largest row's <paramref name="columns"/> (BLOB/TEXT/JSON) put together.</summary>
    Task<long> MaxBytesAsync(TableFacts table, IReadOnlyList<ColumnFacts> columns, CancellationToken cancellationToken);
}
