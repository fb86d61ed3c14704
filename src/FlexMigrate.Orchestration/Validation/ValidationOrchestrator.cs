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
/// per table, in batches of tables, at most <see cref="MigrationOptions.Parallelism"/> batches at once. Runs as the validation phase of a migration
/// (a sub-orchestration, which passes a cancel on to it) and on its own through `POST /api/migrations/{id}/validate`.
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
        var tables = await context.CallActivityAsync<IReadOnlyList<TableWork>>(nameof(ListTablesActivity), input, RetryPolicies.Transient);
        var schema = context.CallActivityAsync<SchemaComparison>(nameof(ValidateSchemaActivity), input, RetryPolicies.Transient);

        // Tables in batches (about four per slot, at most SmallTableBatches.MaxTables each): a table alone is compared
        // by ValidateTableActivity, a batch by ValidateTablesActivity, so history grows by batches, not tables.
        var results = new List<TableValidationResult>();
        var pool = new ActivityPool(input.Options.Parallelism, cancel);
        foreach (var batch in SmallTableBatches.Cut(tables, long.MaxValue, input.Options.Parallelism))
        {
            pool.Add(batch.Count == 1
                ? async () => results.Add(await context.CallActivityAsync<TableValidationResult>(
                    nameof(ValidateTableActivity), new TableStep(input, batch[0]), RetryPolicies.Transient))
                : async () => results.AddRange(await context.CallActivityAsync<IReadOnlyList<TableValidationResult>>(
                    nameof(ValidateTablesActivity), new TablesValidationStep(input.SourceConnection, input.TargetConnection, batch), RetryPolicies.Transient)));
        }

        await pool.RunAsync(() => context.SetCustomStatus(new ValidationStatus(
            tables.Count, results.Count, results.Sum(r => r.RowsCompared),
            results.Where(r => r.Status != TableStatus.Equal).Select(r => $"{r.Database}.{r.Table}").Take(50).ToList())));
        var report = ValidationReport.Create(input.Databases, results, await schema, context.CurrentUtcDateTime - started);
        if (input.Users is null)
        {
            return report;
        }

        var accounts = await context.CallActivityAsync<AccountComparison>(nameof(ValidateUsersActivity), input, RetryPolicies.Transient);
        return report with { Accounts = accounts, Equal = report.Equal && accounts.Equal };
    }
}
