using FlexMigrate.Core.Schema;
using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Activities;

/// <summary>
/// Adds one table's secondary, unique, fulltext and spatial indexes in one ALTER, once its rows are in. Online
/// migrations leave UNIQUE ones for <see cref="AddUniqueIndexesActivity"/> after replay has caught up.
/// </summary>
public sealed class AddIndexesActivity(IConnectionCatalog connections) : TaskActivity<TableStep, IReadOnlyList<Contracts.MigrationNote>>
{
    public override async Task<IReadOnlyList<Contracts.MigrationNote>> RunAsync(TaskActivityContext context, TableStep input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var table = await new SchemaReader(connections.Resolve(input.Request.SourceConnection))
            .ReadTableAsync(new ObjectName(input.Table.Database, input.Table.Table));
        var writer = new TargetSchemaWriter(connections.Resolve(input.Request.TargetConnection), SchemaSteps.Options(input.Request));
        return SchemaSteps.Notes(await writer.AddSecondaryIndexesAsync(table, includeUnique: input.Request.Options.Mode != MigrationMode.Online));
    }
}
