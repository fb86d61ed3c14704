using FlexMigrate.Core.Copy;
using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Activities;

/// <summary>
/// Copies one key range. Idempotent: the copier replaces the range inside one target transaction, so a retry
/// after a crash or a lost acknowledgement leaves exactly the source's rows.
/// </summary>
public sealed class CopyChunkActivity(IConnectionCatalog connections) : TaskActivity<ChunkStep, ChunkCopied>
{
    public override async Task<ChunkCopied> RunAsync(TaskActivityContext context, ChunkStep input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var source = connections.Resolve(input.Request.SourceConnection);
        var target = connections.Resolve(input.Request.TargetConnection);

        // Re-read the column list rather than carry it in every chunk's payload: durable history stays small.
        var spec = await CopyTableSpecReader.ReadAsync(source, input.Table.Database, input.Table.Table);
        var result = await new TableCopier().CopyChunkAsync(source, target, spec, input.Chunk);
        return new ChunkCopied(result.Rows, result.Bytes, (long)result.Elapsed.TotalMilliseconds);
    }
}
