using FlexMigrate.Core.Metadata;
using FlexMigrate.Core.Schema;
using FlexMigrate.Orchestration.Azure;
using FlexMigrate.Orchestration.Connections;

namespace FlexMigrate.Orchestration.Activities;

/// <summary>Stored procedures and functions (before views, which may call functions).</summary>
public sealed class CreateRoutinesActivity(IConnectionCatalog connections, IPayloadStore? payloads = null) : MetadataActivity(connections, payloads)
{
    protected override Task<IReadOnlyList<MigrationNote>> CreateAsync(SourceSchema schema, TargetSchemaWriter tables, MetadataWriter metadata) =>
        metadata.CreateRoutinesAsync(schema.Routines);
}
