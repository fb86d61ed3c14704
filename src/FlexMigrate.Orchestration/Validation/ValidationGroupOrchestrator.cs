using FlexMigrate.Core.Validation;
using FlexMigrate.Orchestration.Activities;
using FlexMigrate.Orchestration.Azure;
using FlexMigrate.Orchestration.Cancellation;
using FlexMigrate.Orchestration.Contracts;
using FlexMigrate.Orchestration.Pipeline;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Validation;

/// <summary>
/// One group of a validation's tables, as a sub-orchestration of <see cref="ValidationOrchestrator"/> (issue 20), the
/// shape the copy has (<see cref="CopyGroupOrchestrator"/>): reads its range of the stored table list, compares it in
/// batches of at most <see cref="SmallTableBatches.MaxTables"/> tables (<see cref="ValidateTablesActivity"/>), one
/// batch at a time (the parent runs at most --parallelism groups), stores the per-table results and returns a summary
/// with their reference. So no instance's history grows with the table count: a group holds at most
/// <see cref="SmallTableBatches.MaxGroupTables"/> tables, the parent a summary per group. A cancel the parent forwards
/// lets the batch in flight end and fails the group with <see cref="MigrationCancelledException"/>.
/// Orchestrator code: deterministic, all work in activities.
/// </summary>
public sealed class ValidationGroupOrchestrator : TaskOrchestrator<ValidationGroupStep, ValidationGroupCompared>
{
    public override async Task<ValidationGroupCompared> RunAsync(TaskOrchestrationContext context, ValidationGroupStep input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var cancel = new CancelSignal(context);
        var tables = input.TablesReference is { } reference ? await AzureSteps.PageAsync(context, reference, input.Skip, input.Take) : input.Tables;
        var results = new List<TableValidationResult>(tables.Count);
        var pool = new ActivityPool(1, cancel);
        foreach (var batch in SmallTableBatches.CutBySize(tables, long.MaxValue, SmallTableBatches.MaxTables))
        {
            pool.Add(async () => results.AddRange(await context.CallActivityAsync<IReadOnlyList<TableValidationResult>>(nameof(ValidateTablesActivity),
                new TablesValidationStep(input.SourceConnection, input.TargetConnection, batch), RetryPolicies.Transient)));
        }

        await pool.RunAsync();
        return await context.CallActivityAsync<ValidationGroupCompared>(nameof(StoreValidationResultsActivity),
            new ValidationResultsToStore(input.ValidationId, input.Index, results), RetryPolicies.Transient);
    }
}
