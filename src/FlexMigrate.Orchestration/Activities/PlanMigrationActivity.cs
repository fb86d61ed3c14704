using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Activities;

/// <summary>Placeholder until the engine lands.</summary>
public sealed class PlanMigrationActivity(IConnectionCatalog connections) : TaskActivity<MigrationRequest, MigrationPlan>
{
    public override Task<MigrationPlan> RunAsync(TaskActivityContext context, MigrationRequest input)
    {
        _ = connections;
        throw new NotSupportedException("PlanMigrationActivity is not built yet.");
    }
}
