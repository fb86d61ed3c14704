using FlexMigrate.Core.Chunking;

namespace FlexMigrate.Core.Copy;

/// <summary>The copy's chunks of a table, planned by the one <see cref="ChunkPlanner"/> over a <see cref="CopyChunkKey"/>.</summary>
public static class CopyChunkPlan
{
    /// <summary>
    /// Plans the chunks of <paramref name="spec"/> on the source. They are ordered, contiguous, open at both ends,
    /// and a table without a usable key (or one estimated to fit one chunk) gives the single whole-table chunk.
    /// </summary>
    public static async Task<IReadOnlyList<CopyChunk>> PlanAsync(this ChunkPlanner planner, string sourceConnectionString,
        CopyTableSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(planner);
        ArgumentNullException.ThrowIfNull(spec);
        if (!spec.HasKey || spec.EstimatedRows <= planner.TargetChunkRows)
        {
            return [CopyChunk.Whole];
        }

        await using var connection = await CopySessions.OpenSourceAsync(sourceConnectionString, cancellationToken);
        var bounds = await planner.BoundsAsync(new CopyChunkKey(connection, spec), spec.EstimatedRows, cancellationToken);
        return ToChunks(bounds);
    }

    /// <summary>Chunks between consecutive bounds, the first open below and the last open above.</summary>
    public static IReadOnlyList<CopyChunk> ToChunks(IReadOnlyList<ChunkBound> bounds) =>
        ChunkPlanner.Ranges(bounds).Select((range, index) => new CopyChunk(index, range.Lower, range.Upper)).ToList();
}
