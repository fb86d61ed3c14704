using FlexMigrate.Core.Accounts;
using FlexMigrate.Core.Validation;
using FlexMigrate.Orchestration.Activities;
using FlexMigrate.Orchestration.Cancellation;
using FlexMigrate.Orchestration.Contracts;
using FlexMigrate.Orchestration.Pipeline;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Validation;

/// <summary>
/// Proves the target equals the source for a migration's selection: the schema comparison and one table comparison
/// per table, by groups of tables (<see cref="ValidationGroupOrchestrator"/>, one sub-orchestration each), at most
/// <see cref="MigrationOptions.Parallelism"/> groups at once. Runs as the validation phase of a migration
/// (a sub-orchestration, which passes a cancel on to it) and on its own through `POST /api/migrations/{id}/validate`.
/// <para>
/// Its history stays small whatever the table count (issue 20): the table list travels by reference when long, each
/// group reads its own range of it and stores its per-table results, and this instance gets a summary per group back;
/// the report (a line per table, every finding) is joined from the stored results by <see cref="JoinValidationActivity"/>.
/// </para>
/// A cancel lets the comparisons in flight end and fails the run with <see cref="MigrationCancelledException"/>: a
/// partial comparison must never read as a result. Deterministic: no I/O here.
/// </summary>
public sealed class ValidationOrchestrator : TaskOrchestrator<MigrationRequest, ValidationReport>
{
    public override async Task<ValidationReport> RunAsync(TaskOrchestrationContext context, MigrationRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var cancel = new CancelSignal(context);
        var started = context.CurrentUtcDateTime;
        var listing = await context.CallActivityAsync<TableListing>(nameof(ListTablesActivity), input, RetryPolicies.Transient);
        var schema = context.CallActivityAsync<SchemaComparison>(nameof(ValidateSchemaActivity), input, RetryPolicies.Transient);

        var groups = new List<ValidationGroupCompared>();
        var pool = new ActivityPool(input.Options.Parallelism, cancel);
        var ranges = SmallTableBatches.GroupRanges(listing.Count, input.Options.Parallelism);
        for (var i = 0; i < ranges.Count; i++)
        {
            var step = new ValidationGroupStep(input.SourceConnection, input.TargetConnection, context.InstanceId, i,
                listing.Reference is null ? [.. listing.Tables.Skip(ranges[i].Skip).Take(ranges[i].Take)] : [],
                listing.Reference, ranges[i].Skip, ranges[i].Take);
            pool.Add(async () => groups.Add(await CompareGroupAsync(context, step, cancel)));
        }

        await pool.RunAsync(() => context.SetCustomStatus(new ValidationStatus(listing.Count, groups.Sum(g => g.Tables),
            groups.Sum(g => g.RowsCompared), [.. groups.SelectMany(g => g.Different).Take(ValidationGroupCompared.MaxNamed)])));
        var report = await context.CallActivityAsync<ValidationReport>(nameof(JoinValidationActivity),
            new ValidationJoin(input.Databases, groups, await schema, context.CurrentUtcDateTime - started), RetryPolicies.Transient);
        if (input.Users is null)
        {
            return report;
        }

        var accounts = await context.CallActivityAsync<AccountComparison>(nameof(ValidateUsersActivity), input, RetryPolicies.Transient);
        return report with { Accounts = accounts, Equal = report.Equal && accounts.Equal };
    }

    /// <summary>
    /// One group as a sub-orchestration under an id derived from this instance's and the group's index (a replay finds
    /// it in history and never starts a second one); a cancel that arrives while it runs is passed on to it.
    /// </summary>
    private static Task<ValidationGroupCompared> CompareGroupAsync(TaskOrchestrationContext context, ValidationGroupStep step, CancelSignal cancel) =>
        cancel.CallSubOrchestratorAsync<ValidationGroupCompared>(nameof(ValidationGroupOrchestrator), $"{context.InstanceId}-tables-{step.Index}", step);
}
