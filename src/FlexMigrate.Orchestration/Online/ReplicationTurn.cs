using System.Text.Json;
using FlexMigrate.Azure.Storage;
using FlexMigrate.Core;
using FlexMigrate.Core.Binlog;
using FlexMigrate.Core.Ledger;
using FlexMigrate.Core.Schema;
using FlexMigrate.Orchestration.Activities;
using FlexMigrate.Orchestration.Azure;
using FlexMigrate.Orchestration.Cancellation;
using FlexMigrate.Orchestration.Contracts;
using FlexMigrate.Orchestration.Control;
using FlexMigrate.Orchestration.Ledger;
using FlexMigrate.Orchestration.Logging;
using FlexMigrate.Orchestration.Pipeline;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Online;

/// <summary>
/// One generation of the replication loop: apply a bounded batch, add the deferred objects once replay has passed
/// the copy's end, publish the status, wait briefly for the cutover event and run it if it came. Phases, cancel and
/// every ending go through the same <see cref="MigrationSteps"/> as the load. In reverse (after a cutover with
/// reverseAfterCutover) the same turn runs with the roles swapped (<see cref="Replication"/>): it applies the target's
/// binlog to the old source and waits for <c>rollback</c> (the same <see cref="CutoverProcedure"/>, reversed) or
/// <c>finish</c> (<see cref="ReverseFinish"/>).
/// </summary>
internal sealed class ReplicationTurn
{
    /// <summary>Failed batches in a row before replication gives up (with backoff up to a minute: about 15 minutes).</summary>
    private const int MaxConsecutiveApplyFailures = 20;

    private readonly TaskOrchestrationContext context;
    private readonly CutoverSignal cutover;
    private string? cutoverStep;
    private MigrationReport? cutoverReport;

    public ReplicationTurn(TaskOrchestrationContext context, MigrationRequest request, ReplicationState state, CancelSignal cancel, CutoverSignal cutover)
    {
        this.context = context;
        this.cutover = cutover;
        State = state with { Generation = state.Generation + 1 };
        Control = new MigrationControl(context, request, state.Throttle);
        Steps = new MigrationSteps(context, request, cancel, (state.Phase, state.PhaseStartedUtc),
            phase => State.MigrationStatus(phase, cutoverStep) with { Throttle = Control.Status() });
    }

    public ReplicationState State { get; private set; }

    /// <summary>Live control and throttling of replication (pause skips batches; the conditions travel with each batch).</summary>
    public MigrationControl Control { get; }

    public MigrationSteps Steps { get; }

    private MigrationRequest Request => Steps.Request;

    /// <summary>True while the target replicates back to the old source.</summary>
    public bool Reverse => State.Direction == ReplicationDirection.Reverse;

    /// <summary>
    /// The request as this direction sees it: forward the migration's own, in reverse with source and target swapped.
    /// Apply, stop/resume writes, position, triggers, events and AUTO_INCREMENT activities take it unchanged.
    /// </summary>
    public MigrationRequest Replication => Reverse ? Request.Reversed() : Request;

    /// <summary>The phase of this direction's switch: cutting over forward, rolling back in reverse.</summary>
    public MigrationPhase SwitchPhase => Reverse ? MigrationPhase.RollingBack : MigrationPhase.CuttingOver;

    /// <summary>
    /// Runs the turn; returns the final report when a cutover completed or a cancel arrived, else null after handing
    /// the state on to <paramref name="continueAsNew"/>.
    /// </summary>
    public Task<MigrationReport?> RunAsync(Action<ReplicationState> continueAsNew) => Steps.RunAsync(
        async () =>
        {
            var outcome = await TurnAsync();
            if (outcome is null)
            {
                Control.TakePending();
                continueAsNew(State with { Phase = Steps.Phase, PhaseStartedUtc = Steps.PhaseStartedUtc, Throttle = Control.Status() });
            }

            return outcome;
        },
        EndAsync);

    private async Task<MigrationOutcome?> TurnAsync()
    {
        // A generation starts without a custom status (ContinueAsNew clears it) and the engine saves one at the end of
        // each episode: publish the carried-over status (with the control commands taken) before the first await, or
        // the status API shows none while the first batch runs (a throttled batch waits its whole time).
        Control.TakePending();
        Steps.Publish();
        if (Reverse && State.Interrupted is { } interrupted && await new ReverseResume(context, this).RunAsync(interrupted) is { } resumed)
        {
            return resumed;
        }

        if (Reverse && !State.SourceObjectsSuspended)
        {
            await PublishAsync(MigrationPhase.ReplicatingBack, "dropping the old source's triggers and events");
            AddNotes(await Steps.CallAsync<IReadOnlyList<MigrationNote>>(nameof(SuspendSourceObjectsActivity), Request));
            State = State with { SourceObjectsSuspended = true };
        }

        var wait = TimeSpan.FromMilliseconds(Math.Max(10, Request.Options.CutoverPollMilliseconds));
        // Paused: no batch this turn; the turn still listens for the cutover (its drain is never paused) and cancel.
        var failure = Control.Settings.Paused ? null : await ApplyBatchAsync(Request.Options.ApplyBatchSeconds);
        if (failure is not null)
        {
            wait = RecordFailure(failure);
        }
        else if (!State.CaughtUp && ReplicationStateFolding.Reached(State.Applied, State.CatchUpPosition))
        {
            await FinishCatchUpAsync();
        }

        await PublishAsync(Reverse ? MigrationPhase.ReplicatingBack : State.CaughtUp ? MigrationPhase.Replicating : MigrationPhase.CatchingUp, null);
        return await cutover.WaitAsync(wait, Steps.Cancel) switch
        {
            null => null,
            ({ } name, _) when name == OnlineMigrationOrchestrator.FinishEvent => await new ReverseFinish(context, this).RunAsync(),
            (_, var request) => await new CutoverProcedure(context, this).RunAsync(request),
        };
    }

    /// <summary>
    /// The forward cutover completed with reverseAfterCutover: from the next generation on the target replicates back
    /// to the old source from <paramref name="targetReady"/>; <paramref name="forward"/> waits in the state for the
    /// rollback or finish that completes it.
    /// </summary>
    public async Task BeginReverseAsync(MigrationReport forward, SourcePositionRecorded targetReady)
    {
        var report = await CarriedReports.CarryAsync(context, Steps.MigrationId, OnlineMigrationOrchestrator.ForwardReportName,
            forward with { Throttle = Control.Status() });
        State = ReplicationStateFolding.Reverse(State, targetReady, report, context.CurrentUtcDateTime);
    }

    /// <summary>
    /// The report this direction completes (the initial load's; in reverse the forward cutover's) with every table's
    /// line, joined back from its carried summary: only the migration's final report holds it whole.
    /// </summary>
    public Task<MigrationReport> CarriedReportAsync() => CarriedReports.JoinAsync(context, State.InitialLoad);

    /// <summary>The old source seen as the forward cutover left it: what a rollback makes writable again and its undo read-only.</summary>
    public CutoverStep OldSourceStep => new(Request, StopWritesMode.ReadOnly, State.OldSourceWasReadOnly);

    /// <summary>
    /// Records in the target's ledger that the forward cutover completed and reverse replication starts at
    /// <paramref name="targetReady"/>, with the cutover's report: a run resumed after a stop goes on replicating back
    /// (<see cref="ReplicationStateFolding.ResumedReverse"/>) instead of loading and replicating forward over the new primary.
    /// </summary>
    public Task RecordReverseStartAsync(MigrationReport forward, SourcePositionRecorded targetReady) =>
        Steps.ActivityAsync<bool>(nameof(RecordStepActivity), new LedgerStep(Steps.Ledger, LedgerSteps.ReverseStart,
            JsonSerializer.Serialize(new ReverseStartRecorded(targetReady, State.SourceWasReadOnly, forward with { Throttle = Control.Status() }))));

    /// <summary>
    /// Records in the target's ledger that the rollback made the old source writable again, with the old source's
    /// position at <paramref name="sourceReady"/>, from where the migration can go forward again without a copy.
    /// </summary>
    public Task RecordRolledBackAsync(SourcePositionRecorded sourceReady) =>
        Steps.ActivityAsync<bool>(nameof(RecordStepActivity), new LedgerStep(Steps.Ledger, LedgerSteps.RolledBack, JsonSerializer.Serialize(sourceReady)));

    /// <summary>
    /// Applies one batch and folds it into the state; returns the failure instead of throwing when retryable. No
    /// activity retry here: the loop itself retries with backoff and shows the error in the status meanwhile.
    /// </summary>
    /// <param name="maxSeconds">How long the batch may run.</param>
    /// <param name="stopAt">A cutover's drain: the stopped source's final position, where the batch returns at once.</param>
    /// <param name="toSourceEnd">A cutover closing in before writes stop: the batch returns once applied to the source's
    /// end as it is when the batch opens.</param>
    public async Task<TaskFailedException?> ApplyBatchAsync(int maxSeconds, ReplicationPosition? stopAt = null, bool toSourceEnd = false)
    {
        try
        {
            var batch = await context.CallActivityAsync<ChangesApplied>(nameof(ApplyChangesActivity),
                Step(maxSeconds) with { StopAt = stopAt, StopAtSourceEnd = toSourceEnd });
            Control.Observe(batch.Throttle);
            if (batch.Deferred)
            {
                return null;
            }

            State = State.WithBatch(batch, context.CurrentUtcDateTime);
            context.CreateReplaySafeLogger(nameof(ReplicationTurn)).ReplicationBatchApplied(context.InstanceId, batch.Transactions,
                batch.RowsInserted + batch.RowsUpdated + batch.RowsDeleted + batch.CascadedRows, batch.Seconds, batch.LagSeconds, batch.LagBytes, batch.CaughtUp);
            return null;
        }
        catch (TaskFailedException ex) when (!NeedsUser(ex))
        {
            return ex;
        }
    }

    /// <summary>
    /// Once replay has passed the copy's end the target equals the source at the applied position (after the sweep
    /// of cascade orphans the binlog cannot show), so what could not exist during the copy can be added: UNIQUE indexes
    /// (rows copied at different moments could collide on them before), foreign keys, then routines and views (views
    /// may call functions). Triggers and events wait for the cutover so they never fire on replicated rows.
    /// </summary>
    public async Task FinishCatchUpAsync()
    {
        await PublishAsync(MigrationPhase.CatchingUp, Request.Users is null ? "adding unique keys, foreign keys, routines and views"
            : "adding unique keys, foreign keys, routines, views and users");
        var notes = new List<MigrationNote>(await Steps.CallAsync<IReadOnlyList<MigrationNote>>(nameof(SweepCascadeOrphansActivity), Request));
        // The source's schema as it is now (replicated DDL may have changed it since the plan read it), read once and
        // shared by reference: each step reading every table again took minutes at 10,000 tables (issue 20).
        var catalog = await Steps.CallAsync<PayloadReference?>(nameof(CatalogSourceSchemaActivity), Request);
        var tables = await Steps.ObserveAsync(AzureSteps.TablesOfAsync(context, await Steps.CallAsync<TableListing>(nameof(ListTablesActivity), Request)));
        // Tables in batches (about four per slot, at most SmallTableBatches.MaxTables each), as validation does: one
        // activity per table made 10,000 tables 10,000 completions, each replaying this generation's growing history.
        var pool = new ActivityPool(Request.Options.Parallelism, Steps.Cancel, Control);
        foreach (var batch in SmallTableBatches.Cut(tables, long.MaxValue, Request.Options.Parallelism))
        {
            pool.Add(async () => notes.AddRange(await Steps.ActivityAsync<IReadOnlyList<MigrationNote>>(
                nameof(AddUniqueIndexesActivity), new TablesStep(Request, batch, catalog))));
        }

        await pool.RunAsync();
        // Accounts last: their grants name the routines and views; replay keeps them in step from here on.
        foreach (var step in new[] { nameof(AddForeignKeysActivity), nameof(CreateRoutinesActivity), nameof(CreateViewsActivity) })
        {
            notes.AddRange(await Steps.CallAsync<IReadOnlyList<MigrationNote>>(step, new SchemaStep(Request, catalog)));
        }

        notes.AddRange(await Steps.CallAsync<IReadOnlyList<MigrationNote>>(nameof(MigrateUsersActivity), Request));

        AddNotes(notes);
        State = State with { CaughtUp = true };
    }

    /// <summary>Removes this direction's checkpoint from the server it writes (after a cutover, rollback, finish or cancel).</summary>
    public Task DropStateAsync() => Steps.ActivityAsync<bool>(nameof(DropReplicationStateActivity), Step(1));

    /// <summary>Appends notes of the online phases to the report's notes.</summary>
    public void AddNotes(IEnumerable<MigrationNote> notes) =>
        State = State with { InitialLoad = State.InitialLoad with { AddedNotes = State.InitialLoad.AddedNotes.Concat(notes).ToList() } };

    /// <summary>Replaces the state (the cutover procedure records its attempt and outcome here).</summary>
    public void Update(ReplicationState state) => State = state;

    /// <summary>Enters <paramref name="phase"/> with what the cutover is doing (null outside a cutover); observes cancel.</summary>
    public Task PublishAsync(MigrationPhase phase, string? step)
    {
        cutoverStep = step;
        return Steps.EnterAsync(phase);
    }

    /// <summary>The cutover completed: this report ends the migration.</summary>
    public MigrationOutcome Complete(MigrationReport report)
    {
        cutoverReport = report with { Throttle = Control.Status() };
        return report.Outcome;
    }

    /// <summary>
    /// The applier's input from the current state: the checkpoint is keyed by the migration (a resume's new instance
    /// continues from the checkpoint of the run it resumes). A cutover's drain runs unthrottled: writes are stopped, so
    /// holding it back would only lengthen the downtime.
    /// </summary>
    private ApplyChangesStep Step(int maxSeconds) =>
        new(Replication, Steps.MigrationId, State.Applied, State.CatchUpPosition, Math.Max(1, maxSeconds),
            Steps.Phase == SwitchPhase ? null : Control.UnitThrottle);

    /// <summary>
    /// The report of every ending: the cutover's; a cancel (the source was never left read-only, see
    /// <see cref="CutoverProcedure"/>, and the Azure tuning ended with the copy, so stopping means dropping the applier's
    /// checkpoint; the target keeps the rows replicated so far and a new migration starts over with --drop-existing);
    /// or a failure (the checkpoint stays, for a look at where replay stopped).
    /// </summary>
    private async Task<MigrationReport> EndAsync(MigrationOutcome outcome, string? failure)
    {
        cutoverStep = null;
        if (outcome != MigrationOutcome.Cancelled && outcome != MigrationOutcome.Failed)
        {
            return cutoverReport!;
        }

        if (Reverse)
        {
            return await ReverseFinish.EndAsync(context, this, outcome, failure);
        }

        var phase = Steps.Phase;
        if (outcome == MigrationOutcome.Cancelled)
        {
            await DropStateAsync();
            AddNotes([new MigrationNote(NoteSeverity.Warning, "migration",
                $"Cancelled in phase {phase} ({Steps.Cancel.Reason}) at {State.Applied.Position}; the target holds the changes applied so far and no triggers or events.")]);
        }

        var load = await CarriedReportAsync();
        var now = context.CurrentUtcDateTime;
        return load with
        {
            Throttle = Control.Status(),
            Outcome = outcome,
            FinishedUtc = now,
            Replication = new ReplicationReport(State.StartPosition.Position, State.CatchUpPosition.Position, State.Applied.Position, State.Totals,
                State.Generation, State.CutoverAttempts, StopWritesMode.Confirmed, null, SourceLeftReadOnly: false, now, now, 0, State.LagHistory, State.Notes),
            Failure = failure,
        };
    }

    /// <summary>
    /// The report of reverse replication (positions in the target's binlog): what was applied back, the rollbacks tried
    /// and, for a rollback, how writes stopped on the target and the downtime until the old source was writable.
    /// </summary>
    public ReplicationReport ReverseReport(string finalPosition, CutoverRequest? request, bool targetLeftReadOnly, DateTime writesStoppedUtc,
        DateTime readyUtc) => new(
        State.StartPosition.Position, State.CatchUpPosition.Position, finalPosition, State.Totals, State.Generation, State.CutoverAttempts,
        request?.StopWrites ?? StopWritesMode.Confirmed, request?.RequestedBy, targetLeftReadOnly, writesStoppedUtc, readyUtc,
        Math.Round((readyUtc - writesStoppedUtc).TotalSeconds, 3), State.LagHistory, State.Notes);

    /// <summary>
    /// A failure the user must fix (a DDL statement the target rejects, a purged binlog, a table without a key)
    /// stops replication with that message; anything else (lost connections, a restarting server) is retried by
    /// the next turns with backoff while the status shows the error.
    /// </summary>
    private static bool NeedsUser(TaskFailedException ex) =>
        ex.FailureDetails.IsCausedBy<UserActionRequiredException>()
        || (ex.FailureDetails.IsCausedBy<BinlogException>() && !ex.FailureDetails.IsCausedBy<BinlogConnectionLostException>());

    private TimeSpan RecordFailure(TaskFailedException failure)
    {
        var count = State.ConsecutiveApplyFailures + 1;
        var message = failure.FailureDetails.Innermost()?.ErrorMessage ?? failure.Message;
        if (count >= MaxConsecutiveApplyFailures)
        {
            throw new ReplicationStoppedException(
                $"Replication stopped after {count} failed batches in a row; the last one: {message}", failure);
        }

        State = State with { ConsecutiveApplyFailures = count, LastApplyError = message };
        return TimeSpan.FromSeconds(Math.Min(60, Math.Pow(2, count)));
    }
}
