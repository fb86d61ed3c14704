using FlexMigrate.Core.Copy;

namespace FlexMigrate.Orchestration.Pipeline;

/// <summary>
/// When and how the load copies large tables' chunks by groups (<see cref="ChunkGroupOrchestrator"/>) instead of one
/// activity each in its own history (issue 20). Each chunk costs the instance that schedules it ~1.6 KB and ~2.6
/// events of history, which every later completion replays (docs/architecture.md "Small durable payloads"): fine for
/// hundreds, quadratic for the ~27,000 chunks of a terabyte (docs/benchmarks.md "A 1 TB plan").
/// </summary>
internal static class ChunkGroups
{
    /// <summary>
    /// Up to this many chunks in a migration (after a resume's copied ones) each is its own activity in the parent:
    /// per-chunk progress, and a few hundred KB of history at most. Above it every large table is copied by groups.
    /// </summary>
    public const int InlineChunks = 500;

    /// <summary>At most this many chunks a group: ~160 KB and ~260 events of history per group instance.</summary>
    public const int MaxGroupChunks = 100;

    /// <summary>
    /// At least this many a group (or the table's all, when fewer): a group is a sub-orchestration, dearer than a chunk's
    /// activity, so a table of a few chunks is one group and the other tables fill the slots.
    /// </summary>
    public const int MinGroupChunks = 8;

    /// <summary>Whether a migration with <paramref name="chunks"/> chunks to copy in large tables copies them by groups.</summary>
    public static bool Grouped(int chunks) => chunks > InlineChunks;

    /// <summary>
    /// A table's chunks cut into consecutive groups: about one per slot so one table still loads over
    /// <paramref name="parallelism"/> sessions, between <see cref="MinGroupChunks"/> and <see cref="MaxGroupChunks"/> each.
    /// </summary>
    public static IEnumerable<IReadOnlyList<CopyChunk>> Cut(IReadOnlyList<CopyChunk> chunks, int parallelism)
    {
        var size = Math.Clamp((chunks.Count + Math.Max(1, parallelism) - 1) / Math.Max(1, parallelism), MinGroupChunks, MaxGroupChunks);
        return chunks.Chunk(size);
    }
}
