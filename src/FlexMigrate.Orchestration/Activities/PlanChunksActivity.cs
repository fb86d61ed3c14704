using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Activities;

/// <summary>Placeholder until the engine lands.</summary>
public sealed class PlanChunksActivity(IConnectionCatalog connections) : TaskActivity<TableStep, IReadOnlyList<ChunkStep>>
{
    public override Task<IReadOnlyList<ChunkStep>> RunAsync(TaskActivityContext context, TableStep input)
    {
        _ = connections;
        throw new NotSupportedException("PlanChunksActivity is not built yet.");
    }
}
