using FlexMigrate.Core.Chunking;
using FlexMigrate.Orchestration.Contracts;

namespace FlexMigrate.Orchestration.Pipeline;

/// <summary>
/// Which tables the load copies in batches (<see cref="Activities.CopySmallTablesActivity"/>) and how they are grouped
/// (issue 20). A table the plan estimates at one chunk or less (the chunk planner's own one-chunk rule, see
/// <see cref="Core.Copy.CopyChunkPlan"/>, with the chunk's rows sized by row width) goes into a batch; larger ones take the chunk path, one activity per chunk.
/// Batches are cut so the pool has work for every slot (about four batches per slot) but none exceeds
/// <see cref="MaxTables"/> tables or about one chunk of rows or bytes, so a batch's durable payload stays a few KB and its
/// time about a chunk's. The batches are copied by groups (<see cref="CopyGroupOrchestrator"/>), one sub-orchestration
/// each, so no orchestration instance's history grows with the table count: a group holds at most
/// <see cref="MaxGroupTables"/> tables, and there are enough groups (about four per slot) to keep every slot busy.
/// Deterministic: computed from the plan alone.
/// </summary>
internal static class SmallTableBatches
{
    /// <summary>
    /// Tables per group at most: a group's history is about a kilobyte a table (each batch's table list in and its
    /// results out, the group's page of the plan), so ~0.5 MB, and its parent gets a few bytes a table back.
    /// </summary>
    public const int MaxGroupTables = 500;

    /// <summary>Tables per batch at most: ~10 KB of names in history per call (36 KB with the longest names MySQL
    /// allows, still under the 64 KB Azure Storage queue message the durable backend sends without spilling to blob).</summary>
    public const int MaxTables = 100;

    private const int BatchesPerSlot = 4;

    /// <summary>The tables the plan estimates at one chunk or less.</summary>
    public static bool IsSmall(TableWork table, long chunkRows) => table.EstimatedRows <= table.ChunkRowsOf(chunkRows);

    /// <summary><paramref name="small"/> cut into batches, in plan order, about four per slot.</summary>
    public static List<IReadOnlyList<TableWork>> Cut(IReadOnlyList<TableWork> small, long chunkRows, int parallelism) =>
        CutBySize(small, chunkRows, SizeFor(small.Count, parallelism, MaxTables));

    /// <summary>
    /// The small tables of <paramref name="planned"/> (the plan's whole list, in its order) cut into groups, about four
    /// per slot and at most <see cref="MaxGroupTables"/> each; each group also names the range of the plan it spans,
    /// so a group can read its tables from the plan's stored list instead of carrying them.
    /// </summary>
    public static List<SmallTableGroup> Groups(IReadOnlyList<TableWork> planned, long chunkRows, int parallelism)
    {
        var size = SizeFor(planned.Count(t => IsSmall(t, chunkRows)), parallelism, MaxGroupTables);
        var groups = new List<SmallTableGroup>();
        var tables = new List<TableWork>();
        int skip = 0, last = 0;
        for (var i = 0; i < planned.Count; i++)
        {
            if (!IsSmall(planned[i], chunkRows))
            {
                continue;
            }

            if (tables.Count == 0)
            {
                skip = i;
            }

            tables.Add(planned[i]);
            last = i;
            if (tables.Count == size)
            {
                groups.Add(new SmallTableGroup(skip, i + 1 - skip, tables));
                tables = [];
            }
        }

        if (tables.Count > 0)
        {
            groups.Add(new SmallTableGroup(skip, last + 1 - skip, tables));
        }

        return groups;
    }

    /// <summary>
    /// Entries 0 to <paramref name="count"/> of a table list cut into ranges for groups (validation's), in list order,
    /// about four per slot and at most <see cref="MaxGroupTables"/> each.
    /// </summary>
    public static List<(int Skip, int Take)> GroupRanges(int count, int parallelism)
    {
        var size = SizeFor(count, parallelism, MaxGroupTables);
        return [.. Enumerable.Range(0, (count + size - 1) / size).Select(i => (i * size, Math.Min(size, count - (i * size))))];
    }

    /// <summary>The small tables of a range of the plan, in plan order: what <see cref="Groups"/> put in its group.</summary>
    public static List<TableWork> SmallOf(IEnumerable<TableWork> range, long chunkRows) => [.. range.Where(t => IsSmall(t, chunkRows))];

    /// <summary><paramref name="small"/> cut into batches of at most <paramref name="size"/> tables and about a chunk, in plan order.</summary>
    public static List<IReadOnlyList<TableWork>> CutBySize(IReadOnlyList<TableWork> small, long chunkRows, int size)
    {
        var batches = new List<IReadOnlyList<TableWork>>();
        var batch = new List<TableWork>();
        long rows = 0, bytes = 0;
        foreach (var table in small)
        {
            if (batch.Count == size || (batch.Count > 0 && (rows + table.EstimatedRows > chunkRows || bytes + table.DataBytes > ChunkPlanner.MaxChunkBytes)))
            {
                batches.Add(batch);
                batch = [];
                rows = bytes = 0;
            }

            batch.Add(table);
            rows += table.EstimatedRows;
            bytes += table.DataBytes;
        }

        if (batch.Count > 0)
        {
            batches.Add(batch);
        }

        return batches;
    }

    /// <summary>About <see cref="BatchesPerSlot"/> units per slot, each of 1 to <paramref name="max"/> tables.</summary>
    private static int SizeFor(int tables, int parallelism, int max) =>
        (int)Math.Clamp(Math.Ceiling(tables / (double)(Math.Max(1, parallelism) * BatchesPerSlot)), 1, max);
}

/// <summary>A group of small tables: the range of the plan it spans and its small tables, in plan order.</summary>
/// <param name="Skip">Where the range starts in the plan's list.</param>
/// <param name="Take">How many entries of the plan's list the range spans (up to its last small table).</param>
/// <param name="Tables">The range's small tables.</param>
internal sealed record SmallTableGroup(int Skip, int Take, IReadOnlyList<TableWork> Tables);
