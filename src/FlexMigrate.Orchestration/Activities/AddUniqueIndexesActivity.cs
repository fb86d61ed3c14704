using FlexMigrate.Core.Schema;
using FlexMigrate.Orchestration.Azure;
using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Activities;

/// <summary>
/// Online migrations: adds a table's UNIQUE indexes once replay has passed the copy's end. Before that point the
/// target holds rows copied at different moments, which may collide on a unique key until replay reconciles them.
/// Idempotent: indexes present are skipped.
/// </summary>
public sealed class AddUniqueIndexesActivity(IConnectionCatalog connections, IPayloadStore? payloads = null) : TaskActivity<TableStep, IReadOnlyList<MigrationNote>>
{
    public override Task<IReadOnlyList<MigrationNote>> RunAsync(TaskActivityContext context, TableStep input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return SchemaSteps.AddIndexesAsync(connections, payloads, input, includeUnique: true);
    }
}
