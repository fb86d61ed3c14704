using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Activities;

/// <summary>Placeholder until the engine lands.</summary>
public sealed class ValidateSchemaActivity(IConnectionCatalog connections) : TaskActivity<MigrationRequest, IReadOnlyList<MigrationNote>>
{
    public override Task<IReadOnlyList<MigrationNote>> RunAsync(TaskActivityContext context, MigrationRequest input)
    {
        _ = connections;
        throw new NotSupportedException("ValidateSchemaActivity is not built yet.");
    }
}
