using FlexMigrate.Core.Metadata;
using FlexMigrate.Core.Schema;
using FlexMigrate.Orchestration.Azure;
using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Activities;

/// <summary>
/// Base of the metadata activities chained after the load: each takes the source schema the plan read (or reads it,
/// see <see cref="SchemaStep.Catalog"/>) and creates one kind of object on the target. Each phase is idempotent
/// (present objects are skipped or replaced), so retries are safe.
/// </summary>
public abstract class MetadataActivity(IConnectionCatalog connections, IPayloadStore? payloads) : TaskActivity<SchemaStep, IReadOnlyList<MigrationNote>>
{
    public override async Task<IReadOnlyList<MigrationNote>> RunAsync(TaskActivityContext context, SchemaStep input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var schema = await SchemaCatalogs.TakeAsync(connections, payloads, input);
        var target = connections.Resolve(input.Request.TargetConnection);
        var options = SchemaSteps.Options(input.Request);
        return await CreateAsync(schema, new TargetSchemaWriter(target, options), new MetadataWriter(target, options));
    }

    /// <summary>Creates this activity's kind of object.</summary>
    protected abstract Task<IReadOnlyList<MigrationNote>> CreateAsync(SourceSchema schema, TargetSchemaWriter tables, MetadataWriter metadata);
}
