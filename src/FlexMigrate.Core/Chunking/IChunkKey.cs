namespace FlexMigrate.Core.Chunking;

/// <summary>
/// A table's key as one caller reads it on the source, for <see cref="ChunkPlanner"/>: the planner decides how to
/// split and does the arithmetic; the key owns the SQL and the form of a bound (the copy's exact
/// <c>KeyValue</c>s, validation's encoded key text), so each caller's predicates use bounds it wrote itself.
/// </summary>
/// <typeparam name="TBound">One position in the key order (a value per key column).</typeparam>
public interface IChunkKey<TBound>
    where TBound : class
{
    /// <summary>True when the key is one integer column, which can be split arithmetically between MIN and MAX.</summary>
    bool IsSingleInteger { get; }

    /// <summary>MIN and MAX of a single integer key, or null when the table is empty.</summary>
    Task<(Int128 Min, Int128 Max)?> ReadIntegerRangeAsync(CancellationToken cancellationToken);

    /// <summary>The bound at an integer key value.</summary>
    TBound IntegerBound(Int128 value);

    /// <summary>
    /// The key <paramref name="offset"/> rows into the key order from <paramref name="from"/> (inclusive; the
    /// first key when null), or null when fewer rows remain.
    /// </summary>
    Task<TBound?> NextBoundAsync(TBound? from, long offset, CancellationToken cancellationToken);
}
