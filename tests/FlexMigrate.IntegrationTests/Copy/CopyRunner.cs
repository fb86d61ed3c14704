using FlexMigrate.Core.Chunking;
using FlexMigrate.Core.Copy;
using FlexMigrate.IntegrationTests.Infrastructure;

namespace FlexMigrate.IntegrationTests.Copy;

/// <summary>Plans a table on the source and copies every chunk, a few at a time, as the orchestration would.</summary>
internal static class CopyRunner
{
    public static async Task<(CopyTableSpec Spec, IReadOnlyList<CopyChunk> Chunks, long Rows)> CopyTableAsync(
        string database, string table, long chunkRows, int parallelism = 3, long? estimatedRows = null)
    {
        var spec = await CopyTableSpecReader.ReadAsync(ServerPair.SourceConnectionString, database, table);
        if (estimatedRows is not null)
            spec = spec with { EstimatedRows = estimatedRows.Value };
        var chunks = await new ChunkPlanner(chunkRows).PlanAsync(ServerPair.SourceConnectionString, spec);
        var copier = new TableCopier();
        long rows = 0;
        await Parallel.ForEachAsync(chunks, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (chunk, ct) =>
        {
            var result = await copier.CopyChunkAsync(ServerPair.SourceConnectionString, ServerPair.TargetConnectionString,
                spec, chunk, null, ct);
            Interlocked.Add(ref rows, result.Rows);
        });
        return (spec, chunks, rows);
    }

    /// <summary>Creates the database on both servers and the table (same DDL) on both.</summary>
    public static async Task CreateOnBothAsync(string database, string createTable)
    {
        await ServerPair.ResetDatabasesAsync(database);
        var create = $"CREATE DATABASE `{database}` CHARACTER SET utf8mb4; USE `{database}`; {createTable}";
        await ServerPair.ExecSourceAsync(create);
        await ServerPair.ExecTargetAsync(create);
    }
}
