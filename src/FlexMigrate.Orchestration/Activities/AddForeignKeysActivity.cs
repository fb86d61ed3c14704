using FlexMigrate.Core.Metadata;
using FlexMigrate.Core.Schema;
using FlexMigrate.Orchestration.Azure;
using FlexMigrate.Orchestration.Connections;

namespace FlexMigrate.Orchestration.Activities;

/// <summary>Foreign keys last, including references across databases, once every table holds its rows.</summary>
public sealed class AddForeignKeysActivity(IConnectionCatalog connections, IPayloadStore? payloads = null) : MetadataActivity(connections, payloads)
{
    protected override Task<IReadOnlyList<MigrationNote>> CreateAsync(SourceSchema schema, TargetSchemaWriter tables, MetadataWriter metadata) =>
        tables.AddForeignKeysAsync(schema.Tables);
}
