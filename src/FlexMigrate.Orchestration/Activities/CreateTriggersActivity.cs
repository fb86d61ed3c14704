using FlexMigrate.Core.Metadata;
using FlexMigrate.Core.Schema;
using FlexMigrate.Orchestration.Azure;
using FlexMigrate.Orchestration.Connections;

namespace FlexMigrate.Orchestration.Activities;

/// <summary>Triggers, after the data so they never fire on copied rows.</summary>
public sealed class CreateTriggersActivity(IConnectionCatalog connections, IPayloadStore? payloads = null) : MetadataActivity(connections, payloads)
{
    protected override Task<IReadOnlyList<MigrationNote>> CreateAsync(SourceSchema schema, TargetSchemaWriter tables, MetadataWriter metadata) =>
        metadata.CreateTriggersAsync(schema.Triggers);
}
