using FlexMigrate.Core;
using FlexMigrate.Core.Binlog;
using FlexMigrate.Orchestration.Activities;
using FlexMigrate.Orchestration.Cancellation;
using FlexMigrate.Orchestration.Contracts;
using FlexMigrate.Orchestration.Logging;
using FlexMigrate.Orchestration.Offline;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Online;

/// <summary>
/// One generation of the replication loop: apply a bounded batch, add the deferred objects once replay has passed
/// the copy's end, publish the status, wait briefly for the cutover event and run it if it came.
/// </summary>
internal sealed class ReplicationTurn(TaskOrchestrationContext context, MigrationRequest request, ReplicationState state)
{
    /// <summary>Failed batches in a row before replication gives up (with backoff up to a minute: about 15 minutes).</summary>
    private const int MaxConsecutiveApplyFailures = 20;

    public ReplicationState State { get; private set; } = state with { Generation = state.Generation + 1 };

    /// <summary>Runs the turn; returns the final report when a cutover completed or a cancel arrived, else null (continue as new).</summary>
    public async Task<MigrationReport?> RunAsync()
    {
        // Created first so a cancel raised during the batch (buffered, or carried over by ContinueAsNew) is seen here.
        var cancel = new CancelSignal(context);
        // Events that arrive while a batch runs are buffered by the durable runtime and delivered by this wait (or
        // carried over by ContinueAsNew), so the window only bounds how fast an idle loop reacts.
        var wait = TimeSpan.FromMilliseconds(Math.Max(10, request.Options.CutoverPollMilliseconds));
        var failure = await ApplyBatchAsync(request.Options.ApplyBatchSeconds);
        if (failure is not null)
        {
            wait = RecordFailure(failure);
        }
        else if (!State.CaughtUp && ReplicationStateFolding.Reached(State.Applied, State.CatchUpPosition))
        {
            await FinishCatchUpAsync();
        }

        Publish(State.CaughtUp ? MigrationPhase.Replicating : MigrationPhase.CatchingUp, null);
        var waitForCutover = WaitForCutoverAsync(wait);
        if (cancel.IsRequested || await Task.WhenAny(waitForCutover, cancel.Requested) == cancel.Requested)
        {
            return await CancelAsync(cancel.Requested.Result ?? "cancelled");
        }

        var cutover = await waitForCutover;
        if (cutover is null)
        {
            return null;
        }

        var procedure = new CutoverProcedure(context, request, this);
        return await procedure.RunAsync(cutover);
    }

    /// <summary>Applies one batch and folds it into the state; returns the failure instead of throwing when retryable.</summary>
    public async Task<TaskFailedException?> ApplyBatchAsync(int maxSeconds)
    {
        try
        {
            var batch = await context.CallActivityAsync<ReplicationBatch>(nameof(ApplyChangesActivity),
                Step(maxSeconds));
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
    /// of cascade orphans the binlog cannot show), so what could not exist during the copy can be added: UNIQUE indexes (rows copied at different moments could collide on
    /// them before), foreign keys, then routines and views (views may call functions). Triggers and events wait for
    /// the cutover so they never fire on replicated rows.
    /// </summary>
    public async Task FinishCatchUpAsync()
    {
        Publish(MigrationPhase.CatchingUp, request.Users is null ? "adding unique keys, foreign keys, routines and views"
            : "adding unique keys, foreign keys, routines, views and users");
        var notes = new List<MigrationNote>(await context.CallActivityAsync<IReadOnlyList<MigrationNote>>(
            nameof(SweepCascadeOrphansActivity), request, RetryPolicies.Transient));
        var tables = await context.CallActivityAsync<IReadOnlyList<TableWork>>(nameof(ListTablesActivity), request, RetryPolicies.Transient);
        var limit = Math.Max(1, request.Options.Parallelism);
        for (var i = 0; i < tables.Count; i += limit)
        {
            var added = await Task.WhenAll(tables.Skip(i).Take(limit).Select(t => context.CallActivityAsync<IReadOnlyList<MigrationNote>>(
                nameof(AddUniqueIndexesActivity), new TableStep(request, t), RetryPolicies.Transient)));
            notes.AddRange(added.SelectMany(n => n));
        }

        // Accounts last: their grants name the routines and views; replay keeps them in step from here on.
        foreach (var step in new[] { nameof(AddForeignKeysActivity), nameof(CreateRoutinesActivity), nameof(CreateViewsActivity), nameof(MigrateUsersActivity) })
        {
            notes.AddRange(await context.CallActivityAsync<IReadOnlyList<MigrationNote>>(step, request, RetryPolicies.Transient));
        }

        AddNotes(notes);
        State = State with { CaughtUp = true };
    }

    /// <summary>
    /// Cancel while replicating: the source was never touched (read_only only changes during a cutover) and the Azure
    /// tuning ended with the copy, so stopping means dropping the applier's checkpoint and reporting what was done. The
    /// target keeps the rows replicated so far; a new migration starts over with --drop-existing.
    /// </summary>
    private async Task<MigrationReport> CancelAsync(string reason)
    {
        await DropStateAsync();
        var now = context.CurrentUtcDateTime;
        Publish(MigrationPhase.Cancelled, null);
        return State.InitialLoad with
        {
            Outcome = MigrationOutcome.Cancelled,
            FinishedUtc = now,
            Notes = State.InitialLoad.Notes.Append(new MigrationNote("warning", "migration",
                $"Cancelled while replicating ({reason}) at {State.Applied.Position}; the target holds the changes applied so far and no triggers or events.")).ToList(),
            Replication = new ReplicationReport(State.StartPosition.Position, State.CatchUpPosition.Position, State.Applied.Position, State.Totals,
                State.Generation, State.CutoverAttempts, StopWritesMode.Confirmed, null, SourceLeftReadOnly: false, now, now, 0, State.LagHistory, State.Notes),
        };
    }

    /// <summary>Removes the applier's checkpoint from the target (after a cutover or a cancel).</summary>
    public Task DropStateAsync() => context.CallActivityAsync(nameof(DropReplicationStateActivity), Step(1), RetryPolicies.Transient);

    /// <summary>The applier's input from the current state: the checkpoint is keyed by this instance's id.</summary>
    private ApplyChangesStep Step(int maxSeconds) =>
        new(request, context.InstanceId, State.Applied, State.CatchUpPosition, Math.Max(1, maxSeconds));

    /// <summary>Appends notes of the online phases to the report's notes.</summary>
    public void AddNotes(IEnumerable<MigrationNote> notes) =>
        State = State with { InitialLoad = State.InitialLoad with { Notes = State.InitialLoad.Notes.Concat(notes).ToList() } };

    /// <summary>Replaces the state (the cutover procedure records its attempt and outcome here).</summary>
    public void Update(ReplicationState state) => State = state;

    public void Publish(MigrationPhase phase, string? cutoverStep) =>
        context.SetCustomStatus(State.MigrationStatus(phase, cutoverStep));

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
            throw new InvalidOperationException(
                $"Replication stopped after {count} failed batches in a row; the last one: {message}", failure);
        }

        State = State with { ConsecutiveApplyFailures = count, LastApplyError = message };
        return TimeSpan.FromSeconds(Math.Min(60, Math.Pow(2, count)));
    }

    private async Task<CutoverRequest?> WaitForCutoverAsync(TimeSpan wait)
    {
        try
        {
            return await context.WaitForExternalEvent<CutoverRequest>(OnlineMigrationOrchestrator.CutoverEvent, wait);
        }
        catch (TaskCanceledException)
        {
            return null;
        }
    }
}
