using FlexMigrate.Core.Schema;
using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Activities;

/// <summary>
/// Online migrations: adds a table's UNIQUE indexes once replay has passed the copy's end. Before that point the
/// target holds rows copied at different moments, which may collide on a unique key until replay reconciles them.
/// Idempotent: indexes present are skipped.
/// </summary>
public sealed class AddUniqueIndexesActivity(IConnectionCatalog connections) : TaskActivity<TableStep, IReadOnlyList<Contracts.MigrationNote>>
{
    public override async Task<IReadOnlyList<Contracts.MigrationNote>> RunAsync(TaskActivityContext context, TableStep input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var table = await new SchemaReader(connections.Resolve(input.Request.SourceConnection))
            .ReadTableAsync(new ObjectName(input.Table.Database, input.Table.Table));
        var writer = new TargetSchemaWriter(connections.Resolve(input.Request.TargetConnection), SchemaSteps.Options(input.Request));
        return SchemaSteps.Notes(await writer.AddSecondaryIndexesAsync(table, includeUnique: true));
    }
}
