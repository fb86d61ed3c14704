using FlexMigrate.Core.Schema;
using FlexMigrate.Orchestration.Azure;
using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Activities;

/// <summary>
/// Creates the databases and the tables with their primary keys only (secondary indexes and foreign keys come
/// after the load; offline, small tables take their secondary indexes at once, see
/// <see cref="Core.Schema.Ddl.TableDdl.IndexedAtCreateMaxRows"/>), from the schema the plan read
/// (<see cref="SchemaCatalogs"/>), on --parallelism sessions. Idempotent: CREATE ... IF NOT EXISTS.
/// </summary>
public sealed class CreateTablesActivity(IConnectionCatalog connections, IPayloadStore? payloads = null) : TaskActivity<SchemaStep, IReadOnlyList<MigrationNote>>
{
    public override async Task<IReadOnlyList<MigrationNote>> RunAsync(TaskActivityContext context, SchemaStep input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var schema = await SchemaCatalogs.TakeAsync(connections, payloads, input);
        var writer = new TargetSchemaWriter(connections.Resolve(input.Request.TargetConnection), SchemaSteps.Options(input.Request));
        // Small tables take their indexes at CREATE; online, UNIQUE ones must wait for the catch-up.
        return await writer.CreateDatabasesAndTablesAsync(schema, new TableCreation(input.Request.Options.Parallelism, IndexesAtCreate: true,
            UniqueIndexesAtCreate: input.Request.Options.Mode != MigrationMode.Online));
    }
}
