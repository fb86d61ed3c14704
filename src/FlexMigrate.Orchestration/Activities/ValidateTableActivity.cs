using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Activities;

/// <summary>Placeholder until the engine lands.</summary>
public sealed class ValidateTableActivity(IConnectionCatalog connections) : TaskActivity<TableStep, IReadOnlyList<MigrationNote>>
{
    public override Task<IReadOnlyList<MigrationNote>> RunAsync(TaskActivityContext context, TableStep input)
    {
        _ = connections;
        throw new NotSupportedException("ValidateTableActivity is not built yet.");
    }
}
