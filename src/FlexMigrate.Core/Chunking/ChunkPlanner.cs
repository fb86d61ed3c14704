namespace FlexMigrate.Core.Chunking;

/// <summary>
/// The one chunk planner of the copy and of validation: splits a table into key ranges of about
/// <see cref="TargetChunkRows"/> rows.
/// <para>
/// A single integer key whose values are dense enough is split arithmetically between MIN and MAX (two index
/// look-ups, instant at any size). Any other key (composite, character in collation order, binary, decimal,
/// temporal, or a sparse integer, where even spacing would give empty ranges and one huge one) is walked on the
/// source in key order: each bound is the key <see cref="TargetChunkRows"/> rows after the previous one (one index
/// range scan over the table in total), so ranges are even whatever the distribution. The first range is open below
/// and the last open above, so rows outside the planned key range (inserted meanwhile, or only on the target) are
/// still covered.
/// </para>
/// </summary>
public sealed class ChunkPlanner
{
    /// <summary>
    /// Default chunk size: large enough that per-chunk costs (connections, the target transaction) vanish, small
    /// enough to give parallel workers many chunks to share and a cheap retry (measured in docs/benchmarks.md).
    /// </summary>
    public const long DefaultChunkRows = 100_000;

    /// <summary>
    /// Bytes a chunk aims at most, whatever its row count: a chunk is one target transaction (its undo, its redo, a
    /// retry that copies it again whole), so a table of wide rows (LONGBLOBs up to 64 MB) gets fewer rows a chunk
    /// instead of gigabytes in one (issue 20). Above the default chunk's size for rows up to ~2.6 KB.
    /// </summary>
    public const long MaxChunkBytes = 256L * 1024 * 1024;

    /// <summary>An integer key with MAX-MIN above this many times the row count is sparse: it is walked instead.</summary>
    private const int SparseFactor = 4;

    /// <summary>At most this many arithmetic ranges, whatever the estimate says (a stale estimate can be huge).</summary>
    private const int MaxArithmeticChunks = 100_000;

    /// <summary>A planner for ranges of about <paramref name="targetChunkRows"/> rows.</summary>
    public ChunkPlanner(long targetChunkRows = DefaultChunkRows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(targetChunkRows, 1);
        TargetChunkRows = targetChunkRows;
    }

    /// <summary>Rows per range the planner aims at.</summary>
    public long TargetChunkRows { get; }

    /// <summary>
    /// Rows a chunk of a table holds: <paramref name="chunkRows"/>, fewer when the table's average row (its
    /// <paramref name="tableBytes"/> over its <paramref name="estimatedRows"/>, both information_schema estimates)
    /// would put more than <see cref="MaxChunkBytes"/> in a chunk; at least one row. Every path that sizes a copy
    /// chunk or decides that a table fits one asks here.
    /// </summary>
    public static long RowsFor(long chunkRows, long estimatedRows, long tableBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkRows, 1);
        var averageRowBytes = Math.Max(1, tableBytes / Math.Max(1, estimatedRows));
        return Math.Clamp(MaxChunkBytes / averageRowBytes, 1, chunkRows);
    }

    /// <summary>
    /// The inner bounds of the ranges of a table of about <paramref name="estimatedRows"/> rows, in key order; none
    /// when the table fits one range (or is empty). A table without a usable key is not given to the planner.
    /// </summary>
    public async Task<IReadOnlyList<TBound>> BoundsAsync<TBound>(IChunkKey<TBound> key, long estimatedRows,
        CancellationToken cancellationToken = default)
        where TBound : class
    {
        ArgumentNullException.ThrowIfNull(key);
        if (estimatedRows <= TargetChunkRows)
        {
            return [];
        }

        if (key.IsSingleInteger)
        {
            if (await key.ReadIntegerRangeAsync(cancellationToken).ConfigureAwait(false) is not { } range)
            {
                return [];
            }

            if (IntegerBounds(range.Min, range.Max, estimatedRows, TargetChunkRows) is { } evenly)
            {
                return evenly.Select(key.IntegerBound).ToList();
            }
        }

        return await WalkAsync(key, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Evenly spaced bounds strictly inside (min, max], or null when the key is too sparse for even spacing to give
    /// even ranges (it is walked then).
    /// </summary>
    public static IReadOnlyList<Int128>? IntegerBounds(Int128 min, Int128 max, long estimatedRows, long chunkRows)
    {
        var span = max - min + 1;
        if (span > (Int128)Math.Max(estimatedRows, 1) * SparseFactor)
        {
            return null;
        }

        var count = Math.Min(MaxArithmeticChunks, (estimatedRows + chunkRows - 1) / chunkRows);
        if (count <= 1 || span <= 1)
        {
            return [];
        }

        var width = Int128.Max(1, (span + count - 1) / count);
        var bounds = new List<Int128>();
        for (var bound = min + width; bound <= max; bound += width)
        {
            bounds.Add(bound);
        }

        return bounds;
    }

    /// <summary>Ranges between consecutive bounds, the first open below (null) and the last open above.</summary>
    public static IReadOnlyList<(TBound? Lower, TBound? Upper)> Ranges<TBound>(IReadOnlyList<TBound> bounds)
        where TBound : class
    {
        ArgumentNullException.ThrowIfNull(bounds);
        var ranges = new List<(TBound?, TBound?)>(bounds.Count + 1);
        TBound? lower = null;
        foreach (var bound in bounds)
        {
            ranges.Add((lower, bound));
            lower = bound;
        }

        ranges.Add((lower, null));
        return ranges;
    }

    private async Task<IReadOnlyList<TBound>> WalkAsync<TBound>(IChunkKey<TBound> key, CancellationToken cancellationToken)
        where TBound : class
    {
        var bounds = new List<TBound>();
        while (await key.NextBoundAsync(bounds.Count == 0 ? null : bounds[^1], TargetChunkRows, cancellationToken)
            .ConfigureAwait(false) is { } next)
        {
            bounds.Add(next);
        }

        return bounds;
    }
}
