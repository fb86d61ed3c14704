using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Activities;

/// <summary>Placeholder until the engine lands.</summary>
public sealed class AddForeignKeysActivity(IConnectionCatalog connections) : TaskActivity<MigrationRequest, IReadOnlyList<MigrationNote>>
{
    public override Task<IReadOnlyList<MigrationNote>> RunAsync(TaskActivityContext context, MigrationRequest input)
    {
        _ = connections;
        throw new NotSupportedException("AddForeignKeysActivity is not built yet.");
    }
}
