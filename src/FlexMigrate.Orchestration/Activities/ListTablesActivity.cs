using FlexMigrate.Core.Validation;
using FlexMigrate.Orchestration.Azure;
using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Activities;

/// <summary>
/// The source tables a migration's selection covers (databases, --tables, --exclude-tables); a list longer than the
/// payload store's <see cref="IPayloadStore.InlineTableLimit"/> is stored there and travels by reference (issue 20).
/// Read-only, and an equal list gives an equal reference, so retries are safe.
/// </summary>
public sealed class ListTablesActivity(IConnectionCatalog connections, IPayloadStore? payloads = null) : TaskActivity<MigrationRequest, TableListing>
{
    public override async Task<TableListing> RunAsync(TaskActivityContext context, MigrationRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var scope = new ValidationScope(input.Databases, input.Tables, input.ExcludeTables);
        var listed = await DatabaseValidator.ListTablesAsync(connections.Resolve(input.SourceConnection), scope, CancellationToken.None);
        var tables = listed.Select(t => new TableWork(t.Database, t.Table, 0, 0, HasKey: true)).ToList();
        return payloads is null || tables.Count <= payloads.InlineTableLimit
            ? new TableListing(tables.Count, tables)
            : new TableListing(tables.Count, [], await payloads.PutAsync(context.InstanceId, "tables", tables));
    }
}
