using FlexMigrate.Core.Metadata;
using FlexMigrate.Core.Schema;
using FlexMigrate.Orchestration.Azure;
using FlexMigrate.Orchestration.Connections;

namespace FlexMigrate.Orchestration.Activities;

/// <summary>Scheduled events, with their source status (enabled/disabled).</summary>
public sealed class CreateEventsActivity(IConnectionCatalog connections, IPayloadStore? payloads = null) : MetadataActivity(connections, payloads)
{
    protected override Task<IReadOnlyList<MigrationNote>> CreateAsync(SourceSchema schema, TargetSchemaWriter tables, MetadataWriter metadata) =>
        metadata.CreateEventsAsync(schema.Events);
}
