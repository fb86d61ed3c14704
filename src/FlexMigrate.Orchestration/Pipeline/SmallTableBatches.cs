using FlexMigrate.Core.Chunking;
using FlexMigrate.Orchestration.Contracts;

namespace FlexMigrate.Orchestration.Pipeline;

/// <summary>
/// Which tables the load copies in batches (<see cref="Activities.CopySmallTablesActivity"/>) and how they are grouped
/// (issue 20). A table the plan estimates at one chunk or less (the chunk planner's own one-chunk rule, see
/// <see cref="Core.Copy.CopyChunkPlan"/>, with the chunk's rows sized by row width) goes into a batch; larger ones take the chunk path, one activity per chunk.
/// Batches are cut so the pool has work for every slot (about four batches per slot) but none exceeds
/// <see cref="MaxTables"/> tables or about one chunk of rows or bytes, so a batch's durable payload stays a few KB and its
/// time about a chunk's. Deterministic: computed from the plan alone.
/// </summary>
internal static class SmallTableBatches
{
    /// <summary>Tables per batch at most: ~10 KB of names in history per call (36 KB with the longest names MySQL
    /// allows, still under the 64 KB Azure Storage queue message the durable backend sends without spilling to blob).</summary>
    public const int MaxTables = 100;

    private const int BatchesPerSlot = 4;

    /// <summary>The tables the plan estimates at one chunk or less.</summary>
    public static bool IsSmall(TableWork table, long chunkRows) => table.EstimatedRows <= table.ChunkRowsOf(chunkRows);

    /// <summary><paramref name="small"/> cut into batches, in plan order.</summary>
    public static List<IReadOnlyList<TableWork>> Cut(IReadOnlyList<TableWork> small, long chunkRows, int parallelism)
    {
        var size = (int)Math.Clamp(Math.Ceiling(small.Count / (double)(Math.Max(1, parallelism) * BatchesPerSlot)), 1, MaxTables);
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
}
