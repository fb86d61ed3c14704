using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Activities;

/// <summary>Placeholder until the engine lands.</summary>
public sealed class PrecheckActivity(IConnectionCatalog connections) : TaskActivity<MigrationRequest, PrecheckSummary>
{
    public override Task<PrecheckSummary> RunAsync(TaskActivityContext context, MigrationRequest input)
    {
        _ = connections;
        throw new NotSupportedException("PrecheckActivity is not built yet.");
    }
}
