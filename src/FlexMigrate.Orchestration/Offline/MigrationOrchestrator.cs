using FlexMigrate.Orchestration.Activities;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Offline;

/// <summary>
/// The offline migration, read as a list of phases: precheck, plan, create tables (primary keys only), copy all
/// chunks with bounded parallelism (adding each table's secondary indexes as soon as its rows are in), metadata in
/// dependency order, validation, report.
/// Orchestrator code must be deterministic: no I/O, clocks or randomness here; all work is in activities and time
/// comes from <see cref="TaskOrchestrationContext.CurrentUtcDateTime"/>.
/// </summary>
public sealed class MigrationOrchestrator : TaskOrchestrator<MigrationRequest, MigrationReport>
{
    public override async Task<MigrationReport> RunAsync(TaskOrchestrationContext context, MigrationRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var progress = new MigrationProgress(context.CurrentUtcDateTime);
        void Enter(MigrationPhase phase)
        {
            progress.Phase = phase;
            context.SetCustomStatus(progress.Status(context.CurrentUtcDateTime));
        }

        Enter(MigrationPhase.Precheck);
        if (!await LoadSteps.PrecheckPassesAsync(context, input, progress))
        {
            Enter(MigrationPhase.Blocked);
            return progress.Report(MigrationOutcome.PrecheckBlocked, context.CurrentUtcDateTime);
        }

        Enter(MigrationPhase.Planning);
        var plan = await context.CallActivityAsync<MigrationPlan>(nameof(PlanMigrationActivity), input, RetryPolicies.Transient);
        progress.PlanTables(plan.Tables);
        progress.AddNotes(plan.Notes);

        Enter(MigrationPhase.CreatingTables);
        progress.AddNotes(await context.CallActivityAsync<IReadOnlyList<MigrationNote>>(
            nameof(CreateTablesActivity), input, RetryPolicies.Transient));

        Enter(MigrationPhase.PlanningChunks);
        var chunks = await LoadSteps.PlanChunksAsync(context, input, plan, progress);

        Enter(MigrationPhase.CopyingData);
        await LoadSteps.CopyAsync(context, input, chunks, progress);

        Enter(MigrationPhase.CreatingMetadata);
        foreach (var step in LoadSteps.MetadataSteps)
        {
            progress.AddNotes(await context.CallActivityAsync<IReadOnlyList<MigrationNote>>(step, input, RetryPolicies.Transient));
        }

        var outcome = MigrationOutcome.Succeeded;
        if (input.Options.Validate)
        {
            Enter(MigrationPhase.Validating);
            outcome = await LoadSteps.ValidateAsync(context, input, progress);
        }

        Enter(MigrationPhase.Completed);
        return progress.Report(outcome, context.CurrentUtcDateTime);
    }
}
