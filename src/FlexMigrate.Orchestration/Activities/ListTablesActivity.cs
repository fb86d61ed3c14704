using FlexMigrate.Core.Validation;
using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Activities;

/// <summary>The source tables a migration's selection covers (databases, --tables, --exclude-tables).</summary>
public sealed class ListTablesActivity(IConnectionCatalog connections) : TaskActivity<MigrationRequest, IReadOnlyList<TableWork>>
{
    public override async Task<IReadOnlyList<TableWork>> RunAsync(TaskActivityContext context, MigrationRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var scope = new ValidationScope(input.Databases, input.Tables, input.ExcludeTables);
        var tables = await DatabaseValidator.ListTablesAsync(connections.Resolve(input.SourceConnection), scope, CancellationToken.None);
        return tables.Select(t => new TableWork(t.Database, t.Table, 0, 0, HasKey: true)).ToList();
    }
}
