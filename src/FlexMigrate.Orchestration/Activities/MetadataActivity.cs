using FlexMigrate.Core.Metadata;
using FlexMigrate.Core.Schema;
using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Activities;

/// <summary>
/// Base of the metadata activities chained after the load: each reads the source schema and creates one kind of
/// object on the target. Each phase is idempotent (present objects are skipped or replaced), so retries are safe.
/// </summary>
public abstract class MetadataActivity(IConnectionCatalog connections) : TaskActivity<MigrationRequest, IReadOnlyList<MigrationNote>>
{
    public override async Task<IReadOnlyList<MigrationNote>> RunAsync(TaskActivityContext context, MigrationRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var schema = await SchemaSteps.ReadSourceAsync(connections.Resolve(input.SourceConnection), input);
        var target = connections.Resolve(input.TargetConnection);
        var options = SchemaSteps.Options(input);
        return await CreateAsync(schema, new TargetSchemaWriter(target, options), new MetadataWriter(target, options));
    }

    /// <summary>Creates this activity's kind of object.</summary>
    protected abstract Task<IReadOnlyList<MigrationNote>> CreateAsync(SourceSchema schema, TargetSchemaWriter tables, MetadataWriter metadata);
}
