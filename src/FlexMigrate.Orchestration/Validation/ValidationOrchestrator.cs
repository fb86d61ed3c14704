using FlexMigrate.Core.Accounts;
using FlexMigrate.Core.Validation;
using FlexMigrate.Orchestration.Activities;
using FlexMigrate.Orchestration.Contracts;
using FlexMigrate.Orchestration.Offline;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Validation;

/// <summary>
/// Proves the target equals the source for a migration's selection: the schema comparison and one table comparison
/// per table, at most <see cref="MigrationOptions.Parallelism"/> at once. Runs as the migration's last phase (a
/// sub-orchestration) and on its own through `POST /api/migrations/{id}/validate`. Deterministic: no I/O here.
/// </summary>
public sealed class ValidationOrchestrator : TaskOrchestrator<MigrationRequest, ValidationReport>
{
    public override async Task<ValidationReport> RunAsync(TaskOrchestrationContext context, MigrationRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var started = context.CurrentUtcDateTime;
        var tables = await context.CallActivityAsync<IReadOnlyList<TableWork>>(nameof(ListTablesActivity), input, RetryPolicies.Transient);
        var schema = context.CallActivityAsync<SchemaComparison>(nameof(ValidateSchemaActivity), input, RetryPolicies.Transient);

        var pending = new Queue<TableWork>(tables);
        var running = new List<Task<TableValidationResult>>();
        var results = new List<TableValidationResult>();
        var limit = Math.Max(1, input.Options.Parallelism);
        while (pending.Count > 0 || running.Count > 0)
        {
            while (running.Count < limit && pending.Count > 0)
            {
                running.Add(context.CallActivityAsync<TableValidationResult>(
                    nameof(ValidateTableActivity), new TableStep(input, pending.Dequeue()), RetryPolicies.Transient));
            }

            var done = await Task.WhenAny(running);
            running.Remove(done);
            results.Add(await done);
            context.SetCustomStatus(new ValidationStatus(
                tables.Count, results.Count, results.Sum(r => r.RowsCompared),
                results.Where(r => r.Status != TableStatus.Equal).Select(r => $"{r.Database}.{r.Table}").Take(50).ToList()));
        }

        var report = ValidationReport.Create(input.Databases, results, await schema, context.CurrentUtcDateTime - started);
        if (input.Users is null)
        {
            return report;
        }

        var accounts = await context.CallActivityAsync<AccountComparison>(nameof(ValidateUsersActivity), input, RetryPolicies.Transient);
        return report with { Accounts = accounts, Equal = report.Equal && accounts.Equal };
    }
}
