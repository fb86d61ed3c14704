using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Activities;

/// <summary>Placeholder until the engine lands.</summary>
public sealed class CopyChunkActivity(IConnectionCatalog connections) : TaskActivity<ChunkStep, ChunkCopied>
{
    public override Task<ChunkCopied> RunAsync(TaskActivityContext context, ChunkStep input)
    {
        _ = connections;
        throw new NotSupportedException("CopyChunkActivity is not built yet.");
    }
}
