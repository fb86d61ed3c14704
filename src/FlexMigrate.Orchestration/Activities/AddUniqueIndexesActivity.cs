using FlexMigrate.Core.Schema;
using FlexMigrate.Orchestration.Azure;
using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Activities;

/// <summary>
/// Online migrations: adds the UNIQUE indexes of a batch of tables on one session, once replay has passed
/// the copy's end. Before that point the target holds rows copied at different moments, which may collide on a unique
/// key until replay reconciles them. Each table's definition is the source's as it is now (replicated DDL may have
/// changed it since the plan): the catalog the catch-up stored (<see cref="CatalogSourceSchemaActivity"/>), else read
/// from the source. One call per batch, not per table, keeps the catch-up's history and replay linear in the table
/// count (issue 20). Idempotent: indexes present are skipped.
/// </summary>
public sealed class AddUniqueIndexesActivity(IConnectionCatalog connections, IPayloadStore? payloads = null)
    : TaskActivity<TablesStep, IReadOnlyList<MigrationNote>>
{
    public override async Task<IReadOnlyList<MigrationNote>> RunAsync(TaskActivityContext context, TablesStep input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (source, target) = (connections.Resolve(input.Request.SourceConnection), connections.Resolve(input.Request.TargetConnection));
        var options = SchemaSteps.Options(input.Request);
        var catalog = await SchemaCatalogs.TablesAsync(payloads, input.Catalog);
        return await SchemaSteps.AddIndexesAsync(source, target, options,
            [.. input.Tables.Select(t => (t, catalog?.GetValueOrDefault((t.Database, t.Table))))], includeUnique: true);
    }
}
