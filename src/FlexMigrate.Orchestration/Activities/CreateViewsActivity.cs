using FlexMigrate.Core.Metadata;
using FlexMigrate.Core.Schema;
using FlexMigrate.Orchestration.Azure;
using FlexMigrate.Orchestration.Connections;

namespace FlexMigrate.Orchestration.Activities;

/// <summary>Views in dependency order, never over placeholder tables (WITH CHECK OPTION views would fail).</summary>
public sealed class CreateViewsActivity(IConnectionCatalog connections, IPayloadStore? payloads = null) : MetadataActivity(connections, payloads)
{
    protected override Task<IReadOnlyList<MigrationNote>> CreateAsync(SourceSchema schema, TargetSchemaWriter tables, MetadataWriter metadata) =>
        metadata.CreateViewsAsync(schema.Views);
}
