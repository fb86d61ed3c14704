using FlexMigrate.Azure.Storage;
using FlexMigrate.Orchestration.Activities;
using FlexMigrate.Orchestration.Azure;
using FlexMigrate.Orchestration.Cancellation;
using FlexMigrate.Orchestration.Contracts;
using FlexMigrate.Orchestration.Logging;
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
        var log = context.CreateReplaySafeLogger<MigrationOrchestrator>();
        using var scope = log.BeginMigrationScope(context.InstanceId);
        var cancel = new CancelSignal(context);
        var phaseStarted = context.CurrentUtcDateTime;
        void Enter(MigrationPhase phase)
        {
            if (phase != progress.Phase)
            {
                log.PhaseCompleted(context.InstanceId, progress.Phase.ToString(), (context.CurrentUtcDateTime - phaseStarted).TotalSeconds);
                phaseStarted = context.CurrentUtcDateTime;
            }

            progress.Phase = phase;
            context.SetCustomStatus(progress.Status(context.CurrentUtcDateTime));
            if (phase is not (MigrationPhase.Completed or MigrationPhase.Blocked))
            {
                cancel.ThrowIfRequested();
            }
        }

        try
        {
            var outcome = await MigrateAsync(context, input, progress, cancel, Enter);
            return await FinishAsync(context, progress, outcome, null);
        }
        catch (MigrationCancelledException e)
        {
            log.MigrationCancelled(context.InstanceId, progress.Phase.ToString(), e.Reason);
            return await FinishAsync(context, progress, MigrationOutcome.Cancelled, null);
        }
        catch (TaskFailedException e)
        {
            // An activity or the validation sub-orchestration failed: restore, leave the report artifact, fail with the error.
            var failure = e.FailureDetails.Innermost()?.ErrorMessage ?? e.Message;
            log.MigrationFailed(context.InstanceId, progress.Phase.ToString(), failure);
            await FinishAsync(context, progress, MigrationOutcome.Failed, failure);
            throw;
        }
    }

    private static async Task<MigrationOutcome> MigrateAsync(
        TaskOrchestrationContext context, MigrationRequest input, MigrationProgress progress, CancelSignal cancel, Action<MigrationPhase> enter)
    {
        enter(MigrationPhase.Precheck);
        var discovery = await AzureSteps.DiscoverAsync(context, input);
        if (!await LoadSteps.PrecheckPassesAsync(context, input, progress, discovery))
        {
            enter(MigrationPhase.Blocked);
            return MigrationOutcome.PrecheckBlocked;
        }

        enter(MigrationPhase.Planning);
        var plan = await LoadSteps.PlanAsync(context, input);
        progress.PlanTables(plan.Tables);
        progress.AddNotes(plan.Notes);

        // Azure changes for the load (SKU, parameters) go into progress before they are applied, so every exit restores them.
        progress.Azure = discovery is null ? null : AzureSteps.Plan(input, discovery);
        if (progress.Azure is { Changes.Count: > 0 } azure)
        {
            enter(MigrationPhase.TuningAzure);
            await AzureSteps.ApplyAsync(context, azure);
        }

        enter(MigrationPhase.CreatingTables);
        progress.AddNotes(await context.CallActivityAsync<IReadOnlyList<MigrationNote>>(
            nameof(CreateTablesActivity), input, RetryPolicies.Transient));

        enter(MigrationPhase.PlanningChunks);
        var chunks = await LoadSteps.PlanChunksAsync(context, input, plan, progress);

        enter(MigrationPhase.CopyingData);
        await LoadSteps.CopyAsync(context, input, chunks, progress, cancel);

        enter(MigrationPhase.CreatingMetadata);
        foreach (var step in LoadSteps.MetadataSteps)
        {
            progress.AddNotes(await context.CallActivityAsync<IReadOnlyList<MigrationNote>>(step, input, RetryPolicies.Transient));
        }

        if (input.Users is not null)
        {
            // After routines and tables exist: grants on them need the objects.
            enter(MigrationPhase.MigratingUsers);
            progress.AddNotes(await context.CallActivityAsync<IReadOnlyList<MigrationNote>>(nameof(MigrateUsersActivity), input, RetryPolicies.Transient));
        }

        progress.AddArtifact(await AzureSteps.WriteSchemaSnapshotAsync(context, input));
        var outcome = MigrationOutcome.Succeeded;
        if (input.Options.Validate)
        {
            enter(MigrationPhase.Validating);
            outcome = await LoadSteps.ValidateAsync(context, input, progress);
        }

        enter(MigrationPhase.Completed);
        return outcome;
    }

    /// <summary>
    /// Every exit: restore the Azure changes (success, failure, cancel), write the migration report artifact, log the
    /// totals. Restores once: a report that already has restore outcomes is kept.
    /// </summary>
    private static async Task<MigrationReport> FinishAsync(
        TaskOrchestrationContext context, MigrationProgress progress, MigrationOutcome outcome, string? failure)
    {
        var log = context.CreateReplaySafeLogger<MigrationOrchestrator>();
        if (progress.Azure is { Changes.Count: > 0, Restores.Count: 0 } azure)
        {
            var phase = progress.Phase;
            progress.Phase = MigrationPhase.RestoringAzure;
            context.SetCustomStatus(progress.Status(context.CurrentUtcDateTime));
            progress.Azure = await AzureSteps.RestoreAsync(context, azure);
            progress.Phase = phase;
        }

        if (outcome == MigrationOutcome.Cancelled)
        {
            progress.Phase = MigrationPhase.Cancelled;
        }

        context.SetCustomStatus(progress.Status(context.CurrentUtcDateTime));
        var report = progress.Report(outcome, context.CurrentUtcDateTime) with { Failure = failure };
        progress.AddArtifact(await AzureSteps.WriteArtifactAsync(context, ArtifactKind.MigrationReport, report));
        log.MigrationEnded(context.InstanceId, outcome.ToString(), report.RowsCopied, report.BytesCopied,
            (report.FinishedUtc - report.StartedUtc).TotalSeconds, report.RowsPerSecond);
        return report;
    }
}
