using FlexMigrate.Core.Schema;
using FlexMigrate.Orchestration.Azure;
using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Activities;

/// <summary>
/// Adds one table's secondary, unique, fulltext and spatial indexes in one ALTER, once its rows are in. Online
/// migrations leave UNIQUE ones for <see cref="AddUniqueIndexesActivity"/> after replay has caught up.
/// </summary>
public sealed class AddIndexesActivity(IConnectionCatalog connections, IPayloadStore? payloads = null) : TaskActivity<TableStep, IReadOnlyList<MigrationNote>>
{
    public override Task<IReadOnlyList<MigrationNote>> RunAsync(TaskActivityContext context, TableStep input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return SchemaSteps.AddIndexesAsync(connections, payloads, input, includeUnique: input.Request.Options.Mode != MigrationMode.Online);
    }
}
