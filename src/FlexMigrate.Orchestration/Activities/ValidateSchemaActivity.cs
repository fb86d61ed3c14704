using FlexMigrate.Core.Validation;
using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Activities;

/// <summary>
/// Compares the schema objects of the migrated databases (tables, columns, indexes, foreign keys, views, routines,
/// triggers, events) on source and target, with the migration's intended differences normalized.
/// </summary>
public sealed class ValidateSchemaActivity(IConnectionCatalog connections) : TaskActivity<MigrationRequest, SchemaComparison>
{
    public override async Task<SchemaComparison> RunAsync(TaskActivityContext context, MigrationRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var source = connections.Resolve(input.SourceConnection);
        IReadOnlyCollection<TableRef>? tables = null;
        if (input.Tables.Count > 0 || input.ExcludeTables.Count > 0)
        {
            var scope = new ValidationScope(input.Databases, input.Tables, input.ExcludeTables);
            tables = await DatabaseValidator.ListTablesAsync(source, scope, CancellationToken.None);
        }

        return await SchemaComparer.CompareAsync(
            source, connections.Resolve(input.TargetConnection), input.Databases, new ValidationOptions(), tables, CancellationToken.None);
    }
}
