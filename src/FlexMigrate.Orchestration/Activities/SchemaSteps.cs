using FlexMigrate.Core.Copy;
using FlexMigrate.Core.Schema;
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

    /// <summary>Adds the missing secondary indexes of one table (UNIQUE ones only when asked), read from the source.</summary>
    public static Task<IReadOnlyList<MigrationNote>> AddIndexesAsync(IConnectionCatalog connections, TableStep step, bool includeUnique) =>
        AddIndexesAsync(connections.Resolve(step.Request.SourceConnection), connections.Resolve(step.Request.TargetConnection),
            Options(step.Request), step.Table, includeUnique);

    /// <summary>Adds the missing secondary indexes of <paramref name="work"/> (UNIQUE ones only when asked), read from the source.</summary>
    public static async Task<IReadOnlyList<MigrationNote>> AddIndexesAsync(string source, string target, SchemaOptions options, TableWork work, bool includeUnique)
    {
        var table = await new SchemaReader(source).ReadTableAsync(new ObjectName(work.Database, work.Table));
        return await new TargetSchemaWriter(target, options).AddSecondaryIndexesAsync(table, includeUnique);
    }

    /// <summary>Whether the copy can split the table into key ranges: the copy spec's own key rule (<see cref="RowIdentity"/>).</summary>
    public static bool HasUsableKey(TableSchema table) => CopyTableSpecReader.FromShape(TableShapeFacts.Of(table)).HasKey;
}
