using FlexMigrate.Core.Metadata;
using FlexMigrate.Core.Schema;

namespace FlexMigrate.IntegrationTests.Schema;

/// <summary>Runs every schema phase in the order the orchestration does (the data copy would sit after the tables).</summary>
internal static class SchemaMigrationRunner
{
    public static async Task<List<MigrationNote>> RunAsync(SourceSchema schema, SchemaOptions options, bool dropExisting = false, bool checkTarget = true)
    {
        var writer = new TargetSchemaWriter(SchemaSession.Target, options);
        var metadata = new MetadataWriter(SchemaSession.Target, options);
        var notes = new List<MigrationNote>();
        if (checkTarget)
        {
            notes.AddRange(await writer.CheckTargetAsync(schema, dropExisting));
        }

        notes.AddRange(await writer.CreateDatabasesAndTablesAsync(schema));
        foreach (var table in schema.Tables)
        {
            notes.AddRange(await writer.AddSecondaryIndexesAsync(table));
        }

        notes.AddRange(await writer.AddForeignKeysAsync(schema.Tables));
        notes.AddRange(await metadata.CreateViewsAsync(schema.Views));
        notes.AddRange(await metadata.CreateRoutinesAsync(schema.Routines));
        notes.AddRange(await metadata.CreateTriggersAsync(schema.Triggers));
        notes.AddRange(await metadata.CreateEventsAsync(schema.Events));
        return notes;
    }
}
