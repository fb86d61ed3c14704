using FlexMigrate.Core.Validation;
using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Activities;

/// <summary>
/// Compares a batch of tables, one after another, exactly as <see cref="ValidateTableActivity"/> compares one: one
/// call per batch instead of per table keeps validation's history and replay linear in the table count (issue 20).
/// Read-only, so retries are safe; data errors come back as Error results.
/// </summary>
public sealed class ValidateTablesActivity(IConnectionCatalog connections) : TaskActivity<TablesValidationStep, IReadOnlyList<TableValidationResult>>
{
    public override async Task<IReadOnlyList<TableValidationResult>> RunAsync(TaskActivityContext context, TablesValidationStep input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (source, target) = (connections.Resolve(input.SourceConnection), connections.Resolve(input.TargetConnection));
        var results = new List<TableValidationResult>(input.Tables.Count);
        foreach (var table in input.Tables)
        {
            results.Add(await TableValidator.ValidateTableAsync(source, target, new TableRef(table.Database, table.Table),
                new ValidationOptions { Parallelism = ValidateTableActivity.ChunksAtOnce }, CancellationToken.None));
        }

        return results;
    }
}
