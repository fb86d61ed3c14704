using System.Runtime.CompilerServices;
using FlexMigrate.Azure.Storage;
using FlexMigrate.Core.Schema;
using FlexMigrate.Orchestration.Azure;
using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;

namespace FlexMigrate.Orchestration.Activities;

/// <summary>
/// How the source schema (<see cref="SourceSchema"/>, read by <see cref="SchemaReader"/>) travels between activities:
/// <see cref="PlanMigrationActivity"/> reads it once and stores it in the host's payload store (Blob Storage in the
/// Functions app and in the CLI with a state store, process memory otherwise); durable history carries only the
/// ~250-byte <see cref="PayloadReference"/>, and each activity that needs the schema takes it back from there (the stores
/// cache the value per worker). Without a reference the schema is read from the source, as the planning activity does.
/// </summary>
internal static class SchemaCatalogs
{
    /// <summary>Each stored schema's tables by name, built once per schema value (the payload stores keep the value).</summary>
    private static readonly ConditionalWeakTable<SourceSchema, Dictionary<(string Database, string Table), TableSchema>> TablesByName = [];

    /// <summary>Stores <paramref name="schema"/> for the migration's later activities; null when the host has no payload store.</summary>
    public static async Task<PayloadReference?> StoreAsync(IPayloadStore? payloads, string migrationId, SourceSchema schema, string name = "schema-catalog") =>
        payloads is null ? null : await payloads.PutAsync(migrationId, name, schema);

    /// <summary>The schema the step refers to, or the source's current one when it refers to none.</summary>
    public static async Task<SourceSchema> TakeAsync(IConnectionCatalog connections, IPayloadStore? payloads, SchemaStep step) =>
        step.Catalog is { } stored && payloads is not null
            ? await payloads.GetAsync<SourceSchema>(stored)
            : await SchemaSteps.ReadSourceAsync(connections.Resolve(step.Request.SourceConnection), step.Request);

    /// <summary>One table of a stored schema, or null when the schema is not stored (the caller then reads the table).</summary>
    /// <exception cref="InvalidOperationException">The stored schema has no such table (the plan and the catalog disagree).</exception>
    public static async Task<TableSchema?> TableAsync(IPayloadStore? payloads, PayloadReference? catalog, TableWork table)
    {
        if (await TablesAsync(payloads, catalog) is not { } tables)
        {
            return null;
        }

        return tables.GetValueOrDefault((table.Database, table.Table))
            ?? throw new InvalidOperationException(
                $"Table {table.Name} is in the migration's plan but not in its stored schema catalog ({catalog!.BlobName}): start the migration again.");
    }

    /// <summary>
    /// The stored schema's tables by (database, table), or null when the schema is not stored. A lookup is a hash,
    /// not a scan: with 10,000 tables, one scan per table planned or indexed made the whole migration quadratic.
    /// </summary>
    public static async Task<IReadOnlyDictionary<(string Database, string Table), TableSchema>?> TablesAsync(IPayloadStore? payloads, PayloadReference? catalog) =>
        catalog is null || payloads is null
            ? null
            : TablesByName.GetValue(await payloads.GetAsync<SourceSchema>(catalog), schema => schema.Tables.ToDictionary(t => (t.Name.Database, t.Name.Name)));
}
