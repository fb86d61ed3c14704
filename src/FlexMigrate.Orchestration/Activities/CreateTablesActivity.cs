using FlexMigrate.Core.Schema;
using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Activities;

/// <summary>
/// Creates the databases and the tables with their primary keys only (secondary indexes and foreign keys come
/// after the load; offline, small tables take their secondary indexes at once, see
/// <see cref="Core.Schema.Ddl.TableDdl.IndexedAtCreateMaxRows"/>), on --parallelism sessions. Idempotent: CREATE ...
/// IF NOT EXISTS.
/// </summary>
public sealed class CreateTablesActivity(IConnectionCatalog connections) : TaskActivity<MigrationRequest, IReadOnlyList<MigrationNote>>
{
    public override async Task<IReadOnlyList<MigrationNote>> RunAsync(TaskActivityContext context, MigrationRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var schema = await SchemaSteps.ReadSourceAsync(connections.Resolve(input.SourceConnection), input);
        var writer = new TargetSchemaWriter(connections.Resolve(input.TargetConnection), SchemaSteps.Options(input));
        // Offline, small tables take their indexes at CREATE; online, UNIQUE ones must wait for the catch-up.
        return await writer.CreateDatabasesAndTablesAsync(schema,
            new TableCreation(input.Options.Parallelism, IndexesAtCreate: input.Options.Mode != MigrationMode.Online));
    }
}
