using FlexMigrate.Core.Copy;
using FlexMigrate.Orchestration.Azure;
using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Activities;

/// <summary>
/// Copies one key range. Idempotent: the copier replaces the range inside one target transaction, so a retry
/// after a crash or a lost acknowledgement leaves exactly the source's rows.
/// </summary>
public sealed class CopyChunkActivity(IConnectionCatalog connections, IPayloadStore? payloads = null) : TaskActivity<ChunkStep, ChunkCopied>
{
    public override async Task<ChunkCopied> RunAsync(TaskActivityContext context, ChunkStep input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var result = await new TableCopier().CopyChunkAsync(connections.Resolve(input.SourceConnection), connections.Resolve(input.TargetConnection),
            await CopySpecs.TakeAsync(payloads, input.Spec), input.Chunk);
        return new ChunkCopied(result.Rows, result.Bytes, (long)result.Elapsed.TotalMilliseconds);
    }
}
