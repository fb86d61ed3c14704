using FlexMigrate.Core.Validation;
using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Activities;

/// <summary>
/// Compares one table's rows on source and target by key-range chunk hashes computed on each server, drilling
/// down to the differing keys. Read-only, so retries are safe; data errors come back as an Error result.
/// </summary>
public sealed class ValidateTableActivity(IConnectionCatalog connections) : TaskActivity<TableStep, TableValidationResult>
{
    /// <summary>Chunk comparisons inside one table; tables themselves run in parallel in the orchestrator.</summary>
    internal const int ChunksAtOnce = 2;

    public override Task<TableValidationResult> RunAsync(TaskActivityContext context, TableStep input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return TableValidator.ValidateTableAsync(
            connections.Resolve(input.Request.SourceConnection),
            connections.Resolve(input.Request.TargetConnection),
            new TableRef(input.Table.Database, input.Table.Table),
            new ValidationOptions { Parallelism = ChunksAtOnce },
            CancellationToken.None);
    }
}
