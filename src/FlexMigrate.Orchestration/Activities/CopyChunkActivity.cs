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
        var spec = await SpecOfAsync(input.Spec);
        var result = await new TableCopier().CopyChunkAsync(
            connections.Resolve(input.SourceConnection), connections.Resolve(input.TargetConnection), spec, input.Chunk);
        return new ChunkCopied(result.Rows, result.Bytes, (long)result.Elapsed.TotalMilliseconds);
    }

    /// <summary>The spec the chunk planner read for the table: inline, or from the payload store (cached per worker).</summary>
    private async Task<CopyTableSpec> SpecOfAsync(CopySpecRef spec)
    {
        if (spec.Spec is { } inline)
        {
            return inline;
        }

        if (spec.Stored is not { } stored || payloads is null)
        {
            throw new InvalidOperationException(
                "A chunk step refers to a stored copy spec, but this host has no payload store: configure the same artifact " +
                "store (FlexMigrate__Artifacts__*) on every instance of the app, then start the migration again.");
        }

        return await payloads.GetAsync<CopyTableSpec>(stored);
    }
}
