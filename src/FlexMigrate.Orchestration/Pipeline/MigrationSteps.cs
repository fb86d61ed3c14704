using FlexMigrate.Azure.Storage;
using FlexMigrate.Core.Validation;
using FlexMigrate.Orchestration.Azure;
using FlexMigrate.Orchestration.Cancellation;
using FlexMigrate.Orchestration.Contracts;
using FlexMigrate.Orchestration.Ledger;
using FlexMigrate.Orchestration.Logging;
using FlexMigrate.Orchestration.Online;
using FlexMigrate.Orchestration.Validation;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Pipeline;

/// <summary>
/// What every phase of every migration does the same way, offline or online (the load, each replication turn, the
/// cutover), so the modes cannot drift apart: entering a phase (logs how long the previous one took, publishes the
/// status, observes cancel), calling an activity (declared retries; cancel observed as soon as it returns),
/// validating (the validation sub-orchestration, told when a cancel arrives; its report saved as artifact
/// validation-report.json), and ending (every way out: done, blocked, cancelled, failed; migration-report.json
/// saved and the outcome logged). The target's progress ledger follows the same steps: the run is opened where the
/// migration starts (<see cref="OpenLedgerActivity"/>: a resumed migration learns what is done), each phase entered
/// is recorded (what a resume reports as "resumed from") and every ending closes the run (its runs go into the
/// report). One instance per orchestrator execution; deterministic like its orchestrator.
/// </summary>
internal sealed class MigrationSteps
{
    private readonly Func<MigrationPhase, MigrationStatus> status;
    private readonly bool startsRun;

    /// <param name="context">The orchestration.</param>
    /// <param name="request">The migration.</param>
    /// <param name="cancel">The execution's one cancel signal.</param>
    /// <param name="phase">The phase the migration is in and since when (a replication turn continues the last generation's).</param>
    /// <param name="status">The custom status to publish in a phase.</param>
    /// <param name="startsRun">This execution starts the migration's run (the load): it opens the run in the ledger.
    /// A replication turn continues a run its first generation opened.</param>
    public MigrationSteps(
        TaskOrchestrationContext context, MigrationRequest request, CancelSignal cancel, (MigrationPhase Phase, DateTime SinceUtc) phase,
        Func<MigrationPhase, MigrationStatus> status, bool startsRun = false)
    {
        this.startsRun = startsRun;
        Context = context;
        Request = request;
        Cancel = cancel;
        (Phase, PhaseStartedUtc) = phase;
        this.status = status;
    }

    public TaskOrchestrationContext Context { get; }

    public MigrationRequest Request { get; }

    public CancelSignal Cancel { get; }

    public MigrationPhase Phase { get; private set; }

    public DateTime PhaseStartedUtc { get; private set; }

    public bool Online => Request.Options.Mode == MigrationMode.Online;

    /// <summary>The migration this execution works for: the key of its ledger (a resume's new instance keeps the first one's).</summary>
    public string MigrationId => Request.MigrationId ?? Context.InstanceId;

    /// <summary>Where the migration's ledger is, for the activities that read or write it.</summary>
    public LedgerKey Ledger => new(MigrationId, Request.TargetConnection);

    /// <summary>What the ledger held when this run started (null until opened, and in replication turns).</summary>
    public LedgerOpened? Run { get; private set; }

    /// <summary>
    /// Enters <paramref name="phase"/>: logs the duration of the phase it leaves, publishes the status and, unless the
    /// phase is part of ending the migration, records it in the ledger and observes cancel.
    /// </summary>
    public async Task EnterAsync(MigrationPhase phase)
    {
        var changed = MoveTo(phase);
        Publish();
        if (phase is MigrationPhase.Completed or MigrationPhase.Blocked or MigrationPhase.Cancelled or MigrationPhase.RestoringAzure)
        {
            return;
        }

        if (changed)
        {
            await ActivityAsync<bool>(nameof(RecordPhaseActivity), new LedgerPhase(MigrationId, phase, Request.TargetConnection));
        }

        Cancel.ThrowIfRequested();
    }

    /// <summary>Publishes the status of the current phase (progress changed, no phase change).</summary>
    public void Publish() => Context.SetCustomStatus(status(Phase));

    /// <summary>An activity with the declared retries; cancel is observed when it returns.</summary>
    public async Task<T> CallAsync<T>(string activity, object input) => await ObserveAsync(ActivityAsync<T>(activity, input));

    /// <summary>An activity with the declared retries, for fan-outs (the pool observes cancel) and for undo steps (which must run).</summary>
    public Task<T> ActivityAsync<T>(string activity, object input) =>
        Context.CallActivityAsync<T>(activity, input, RetryPolicies.Transient);

    /// <summary>Waits for <paramref name="work"/>, then observes cancel.</summary>
    public async Task<T> ObserveAsync<T>(Task<T> work)
    {
        var result = await work;
        Cancel.ThrowIfRequested();
        return result;
    }

    /// <summary>Waits for <paramref name="work"/>, then observes cancel.</summary>
    public async Task ObserveAsync(Task work)
    {
        await work;
        Cancel.ThrowIfRequested();
    }

    /// <summary>
    /// Validation as a sub-orchestration (the same one `POST /api/migrations/{id}/validate` starts); a cancel that arrives
    /// meanwhile is passed on so it stops early. Its report is saved as artifact validation-report.json.
    /// </summary>
    /// <returns>The report and the artifact written (null without an artifact store).</returns>
    /// <exception cref="MigrationCancelledException">A cancel arrived before or while it ran.</exception>
    public async Task<(ValidationReport Report, ArtifactReference? Artifact)> ValidateAsync()
    {
        ValidationReport report;
        try
        {
            report = await Cancel.CallSubOrchestratorAsync<ValidationReport>(nameof(ValidationOrchestrator), $"{Context.InstanceId}-validation", Request);
        }
        catch (TaskFailedException) when (Cancel.IsRequested)
        {
            // The validation stopped because of the cancel it was passed.
            throw new MigrationCancelledException(Cancel.Reason);
        }

        Cancel.ThrowIfRequested();
        return (report, await AzureSteps.WriteArtifactAsync(Context, ArtifactKind.ValidationReport, report));
    }

    /// <summary>
    /// Runs a migration's <paramref name="body"/> and ends every way out of it the same way, offline or online:
    /// <paramref name="end"/> builds the final report (restoring or undoing what the mode must), which is saved as
    /// artifact migration-report.json and logged. A failure is rethrown after that, so the orchestration fails with it.
    /// </summary>
    /// <param name="body">The phases; returns the outcome, or null when the execution continues as new.</param>
    /// <param name="end">Builds the report for an outcome (and the failure message of a failed run).</param>
    public async Task<MigrationReport?> RunAsync(Func<Task<MigrationOutcome?>> body, Func<MigrationOutcome, string?, Task<MigrationReport>> end)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(end);
        try
        {
            if (startsRun)
            {
                Run = await CallAsync<LedgerOpened>(nameof(OpenLedgerActivity), new LedgerOpening(MigrationId, Context.InstanceId, Request));
            }

            if (await body() is not { } outcome)
            {
                return null;
            }

            var report = await end(outcome, null);
            await EnterAsync(outcome == MigrationOutcome.PrecheckBlocked ? MigrationPhase.Blocked : MigrationPhase.Completed);
            return await EndAsync(report);
        }
        catch (MigrationCancelledException e)
        {
            Context.CreateReplaySafeLogger(nameof(MigrationSteps)).MigrationCancelled(Context.InstanceId, Phase.ToString(), e.Reason);
            var report = await end(MigrationOutcome.Cancelled, null);
            await EnterAsync(MigrationPhase.Cancelled);
            return await EndAsync(report);
        }
        catch (Exception e) when (e is TaskFailedException or ReplicationStoppedException)
        {
            // An activity, the validation or the replication loop failed: undo, leave the report artifact, fail with the error.
            var failedIn = Phase;
            var failure = e is TaskFailedException failed ? failed.FailureDetails.Innermost()?.ErrorMessage ?? e.Message : e.Message;
            Context.CreateReplaySafeLogger(nameof(MigrationSteps)).MigrationFailed(Context.InstanceId, failedIn.ToString(), failure);
            var report = await end(MigrationOutcome.Failed, failure) with { Failure = failure };
            MoveTo(failedIn);
            await EndAsync(report);
            throw;
        }
    }

    /// <summary>Moves to <paramref name="phase"/>; false when already in it.</summary>
    private bool MoveTo(MigrationPhase phase)
    {
        if (phase == Phase)
        {
            return false;
        }

        var seconds = Math.Round((Context.CurrentUtcDateTime - PhaseStartedUtc).TotalSeconds, 3);
        Context.CreateReplaySafeLogger(nameof(MigrationSteps)).PhaseCompleted(Context.InstanceId, Phase.ToString(), seconds);
        Phase = phase;
        PhaseStartedUtc = Context.CurrentUtcDateTime;
        return true;
    }

    /// <summary>
    /// Closes the run in the ledger and lists every run in the report (a run that could not open its ledger, such as
    /// a resume refused for other servers, closes nothing: the ledger is the recorded migration's). A ledger that
    /// cannot be written after its retries is logged, and the report goes out without the runs: the migration's
    /// outcome is the data's, not the ledger's.
    /// </summary>
    private async Task<MigrationReport> CloseRunAsync(MigrationReport report)
    {
        if (startsRun && Run is null)
        {
            return report;
        }

        try
        {
            var runs = await ActivityAsync<IReadOnlyList<Core.Ledger.LedgerRun>>(nameof(CloseLedgerActivity),
                new LedgerClosing(MigrationId, report.Outcome, Request.TargetConnection));
            return report with { Runs = runs };
        }
        catch (TaskFailedException e)
        {
            Context.CreateReplaySafeLogger(nameof(MigrationSteps)).LedgerNotClosed(Context.InstanceId, e.FailureDetails.Innermost()?.ErrorMessage ?? e.Message);
            return report;
        }
    }

    /// <summary>Closes the run in the ledger, saves the final report as artifact migration-report.json and logs the totals.</summary>
    private async Task<MigrationReport> EndAsync(MigrationReport report)
    {
        report = await CloseRunAsync(report);
        Publish();
        await AzureSteps.WriteArtifactAsync(Context, ArtifactKind.MigrationReport, report);
        Context.CreateReplaySafeLogger(nameof(MigrationSteps)).MigrationEnded(Context.InstanceId, report.Outcome.ToString(),
            report.RowsCopied, report.BytesCopied, (report.FinishedUtc - report.StartedUtc).TotalSeconds, report.RowsPerSecond);
        return report;
    }
}
