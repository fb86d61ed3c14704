using FlexMigrate.Core.Copy;
using FlexMigrate.Core.Schema;
using FlexMigrate.Orchestration.Azure;
using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;

namespace FlexMigrate.Orchestration.Activities;

/// <summary>Glue shared by the schema activities: the engine's selection and options for a request.</summary>
internal static class SchemaSteps
{
    public static SchemaSelection Selection(MigrationRequest request) =>
        SchemaSelection.Create(request.Databases, request.Tables, request.ExcludeTables);

    public static SchemaOptions Options(MigrationRequest request) =>
        new(KeepEngines: request.Options.KeepEngines, KeepDefiners: request.Options.KeepDefiners);

    public static Task<SourceSchema> ReadSourceAsync(string sourceConnectionString, MigrationRequest request) =>
        new SchemaReader(sourceConnectionString).ReadAsync(Selection(request));

    /// <summary>
    /// Adds the missing secondary indexes of one table (UNIQUE ones only when asked), as the stored schema catalog
    /// describes it, else as the source does now.
    /// </summary>
    public static async Task<IReadOnlyList<MigrationNote>> AddIndexesAsync(
        IConnectionCatalog connections, IPayloadStore? payloads, TableStep step, bool includeUnique)
    {
        var table = await SchemaCatalogs.TableAsync(payloads, step.Catalog, step.Table)
            ?? await new SchemaReader(connections.Resolve(step.Request.SourceConnection))
                .ReadTableAsync(new ObjectName(step.Table.Database, step.Table.Table));
        var writer = new TargetSchemaWriter(connections.Resolve(step.Request.TargetConnection), Options(step.Request));
        return await writer.AddSecondaryIndexesAsync(table, includeUnique);
    }

    /// <summary>
    /// Adds the missing secondary indexes of a batch of tables (UNIQUE ones only when asked) on one target session,
    /// each table as its Known definition (the stored catalog's) describes it, else as the source does now.
    /// </summary>
    public static async Task<IReadOnlyList<MigrationNote>> AddIndexesAsync(
        string source, string target, SchemaOptions options, IReadOnlyList<(TableWork Work, TableSchema? Known)> tables, bool includeUnique)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var reader = new SchemaReader(source);
        var schemas = new List<TableSchema>(tables.Count);
        foreach (var (work, known) in tables)
        {
            schemas.Add(known ?? await reader.ReadTableAsync(new ObjectName(work.Database, work.Table)));
        }

        return await new TargetSchemaWriter(target, options).AddSecondaryIndexesAsync(schemas, includeUnique);
    }

    /// <summary>Whether the copy can split the table into key ranges: the copy spec's own key rule (<see cref="RowIdentity"/>).</summary>
    public static bool HasUsableKey(TableSchema table) => CopyTableSpecReader.FromShape(TableShapeFacts.Of(table)).HasKey;
}
