using System.Globalization;
using FlexMigrate.Core.Schema;
using FlexMigrate.Core.Validation;
using FlexMigrate.Orchestration.Activities;
using FlexMigrate.Orchestration.Azure;
using FlexMigrate.Orchestration.Cancellation;
using FlexMigrate.Orchestration.Contracts;
using FlexMigrate.Orchestration.Logging;
using FlexMigrate.Orchestration.Pipeline;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Online;

/// <summary>
/// The cutover: apply up to the source's current position while it still takes writes (so the drain is short), stop
/// writes on the source, read its final position, drain replay up to it, then switch the target on (triggers, events, AUTO_INCREMENT counters), validate and report the downtime. Every step before the end can be
/// undone: if draining does not finish within the request's timeout, or the target rejects a trigger or event, the
/// triggers and events just created are dropped, the source's read_only is restored and the migration goes back to
/// replicating with the reason in its status, ready for another cutover. A cancel at any step undoes it the same way
/// before the migration ends Cancelled. It never leaves a half-switched target or a source left read-only.
/// In reverse (after a cutover with reverseAfterCutover) the same procedure is the rollback, with the roles swapped
/// (<see cref="ReplicationTurn.Replication"/>): writes stop on the target, the target's binlog drains into the old
/// source, the old source gets triggers, events and AUTO_INCREMENT counters from the target and its writes back; undone
/// on failure the same way. Forward with reverseAfterCutover, the target's binlog end is recorded at target ready
/// (before applications can reach it) and the instance goes on replicating back instead of ending.
/// </summary>
internal sealed class CutoverProcedure(TaskOrchestrationContext context, ReplicationTurn turn)
{
    // Writes stop once replay is this close to the source's end: at the benchmark's ~370-byte transactions about 175 of
    // them, a drain of tens of milliseconds.
    private const long CloseEnoughBytes = 64 * 1024;

    // Each bounded by the batch time; after the first, each applies only what was written during the one before.
    private const int MaxCloseInBatches = 3;

    private CutoverTimeline? timeline;

    private MigrationSteps Steps => turn.Steps;

    /// <summary>The request as this direction sees it (reverse: source and target swapped).</summary>
    private MigrationRequest Request => turn.Replication;

    /// <returns>The outcome when the cutover completed (its report is in the turn), or null when it went back to replicating.</returns>
    public async Task<MigrationOutcome?> RunAsync(CutoverRequest cutover)
    {
        turn.Update(turn.State with { CutoverAttempts = turn.State.CutoverAttempts + 1, LastCutoverError = null, CutoverSteps = [] });
        var logger = context.CreateReplaySafeLogger(nameof(CutoverProcedure));
        if (turn.Reverse)
        {
            logger.RollbackStarted(context.InstanceId, turn.State.CutoverAttempts, cutover.RequestedBy ?? "unknown", cutover.StopWrites.ToString());
        }
        else
        {
            logger.CutoverStarted(context.InstanceId, turn.State.CutoverAttempts, cutover.RequestedBy ?? "unknown", cutover.StopWrites.ToString());
        }

        var step = new CutoverStep(Request, cutover.StopWrites, turn.State.SourceWasReadOnly);
        var closedIn = await CloseInAsync();
        timeline = new CutoverTimeline(context);
        var writesStoppedUtc = timeline.StartedUtc;
        var deadline = writesStoppedUtc.AddSeconds(Math.Max(1, cutover.TimeoutSeconds));

        await turn.PublishAsync(turn.SwitchPhase, (cutover.StopWrites, turn.Reverse) switch
        {
            (StopWritesMode.ReadOnly, false) => "setting the source read-only",
            (StopWritesMode.ReadOnly, true) => "setting the target read-only",
            (_, false) => "reading the source's final position",
            (_, true) => "reading the target's final position",
        });
        SourceWritesStopped stopped;
        try
        {
            stopped = await Steps.ActivityAsync<SourceWritesStopped>(nameof(StopSourceWritesActivity), step);
        }
        catch (TaskFailedException ex)
        {
            await ResumeWritesAsync(step);
            return GiveUp($"writes could not be stopped on the {(turn.Reverse ? "target" : "source")}: {Message(ex)}");
        }

        EndStep("stop writes", $"{(stopped.ReadOnlySet ? "read_only set, " : "")}final position {stopped.FinalPosition.Position}; before: {closedIn}");
        var switchedOn = false;
        try
        {
            Steps.Cancel.ThrowIfRequested();
            if (await DrainAsync(stopped.FinalPosition, deadline) is { } drainError)
            {
                await ResumeWritesAsync(step);
                return GiveUp(drainError);
            }

            EndStep("drain", $"applied to {turn.State.Applied.Position}");
            switchedOn = true;
            if (await SwitchTargetOnAsync() is { } switchError)
            {
                await UndoAsync(step);
                return GiveUp(switchError);
            }

            var (report, reverseFrom) = await FinishAsync(cutover, stopped, writesStoppedUtc);
            if (reverseFrom is not null && report.Outcome == MigrationOutcome.Succeeded)
            {
                // The instance goes on: the next generations replicate the target back to the old source.
                await turn.BeginReverseAsync(report, reverseFrom);
                return null;
            }

            return turn.Complete(report);
        }
        catch (MigrationCancelledException)
        {
            // The user asked to stop the migration: the source stays the primary, as after a cutover that gives up.
            if (switchedOn)
            {
                await UndoAsync(step);
            }
            else
            {
                await ResumeWritesAsync(step);
            }

            throw;
        }
    }

    /// <summary>
    /// Before writes stop, while applications still write: batches up to the source's end as each finds it, until replay
    /// is within <see cref="CloseEnoughBytes"/> of it, a batch no longer halves the distance (replay is not faster than
    /// the writes) or after <see cref="MaxCloseInBatches"/>. What asked for the cutover (the last batch's lag, a user)
    /// may be seconds old: the 100-database benchmark stopped writes 2.7 s of writes behind (the catch-up's keys ran
    /// after the batch whose 0.99 s lag triggered it), and that backlog was the drain, downtime. A failed batch ends it
    /// early: the drain meets the failure with writes stopped and undoes the attempt as before. Paused replication does
    /// not close in.
    /// </summary>
    /// <returns>What it did, for the stop-writes step's detail.</returns>
    private async Task<string> CloseInAsync()
    {
        if (turn.Control.Settings.Paused)
        {
            // Closing in is replication while applications still write: a pause holds it as it holds every batch (a user
            // pauses to spare a loaded server); the drain after the stop, which is downtime, is never paused.
            return "none, replication is paused";
        }

        var started = context.CurrentUtcDateTime;
        var batches = 0;
        long? behind = null;
        while (batches < MaxCloseInBatches)
        {
            await turn.PublishAsync(turn.SwitchPhase, $"applying up to the {(turn.Reverse ? "target" : "source")}'s current position before writes stop");
            if (await turn.ApplyBatchAsync(Request.Options.ApplyBatchSeconds, toSourceEnd: true) is not null)
            {
                break;
            }

            batches++;
            var now = turn.State.LastBatch?.LagBytes ?? 0;
            var halved = behind is not { } before || now <= before / 2;
            behind = now;
            if (now <= CloseEnoughBytes || !halved)
            {
                break;
            }
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"{batches} batches to the current position in {(context.CurrentUtcDateTime - started).TotalSeconds:0.000} s, {behind ?? 0} bytes behind after the last");
    }

    /// <summary>Applies batches until the applied checkpoint reaches the final position or the deadline passes.</summary>
    private async Task<string?> DrainAsync(ReplicationPosition final, DateTime deadline)
    {
        while (!ReplicationStateFolding.Reached(turn.State.Applied, final))
        {
            var remaining = (deadline - context.CurrentUtcDateTime).TotalSeconds;
            if (remaining <= 0)
            {
                return $"replay did not reach the {(turn.Reverse ? "target" : "source")}'s final position {final.Position} within the cutover timeout "
                    + $"(applied {turn.State.Applied.Position}, {turn.State.LastBatch?.LagBytes ?? 0} bytes behind); "
                    + "retry when the lag is lower or with a longer timeout";
            }

            await turn.PublishAsync(turn.SwitchPhase, $"draining to {final.Position}");
            if (await turn.ApplyBatchAsync((int)Math.Ceiling(Math.Min(remaining, Request.Options.ApplyBatchSeconds)), final) is { } failure)
            {
                return $"replay failed while draining: {Message(failure)}";
            }
        }

        // A batch's time bounds the reading of a parallel window, not its apply (docs/replication.md): a drain can reach
        // the position past the timeout, and the timeout is the downtime the user accepted, so that attempt is undone too.
        return context.CurrentUtcDateTime > deadline
            ? $"replay reached the {(turn.Reverse ? "target" : "source")}'s final position {final.Position} only after the cutover timeout; "
                + "retry when the lag is lower or with a longer timeout"
            : null;
    }

    /// <summary>
    /// Deferred objects (if replay had not caught up yet), then in one step: triggers then events, beside the AUTO_INCREMENT
    /// counters (one activity) and, with --users, the last account sync (a delta: replay kept
    /// the accounts current; it catches grants replay could not write yet because their object came later in the stream).
    /// Both read the source as it is at the cutover (no stored catalog), like the catch-up's objects.
    /// </summary>
    private async Task<string?> SwitchTargetOnAsync()
    {
        try
        {
            if (!turn.State.CaughtUp)
            {
                await turn.FinishCatchUpAsync();
                EndStep("deferred objects", "unique keys, foreign keys, routines, views (replay had not caught up)");
            }

            await turn.PublishAsync(turn.SwitchPhase, turn.Reverse
                ? "creating the old source's triggers and events, setting AUTO_INCREMENT counters, making it writable"
                : "creating triggers and events, setting AUTO_INCREMENT counters");
            var switching = Steps.ActivityAsync<TargetSwitched>(nameof(SwitchTargetOnActivity), Request);
            var users = Request.Users is null ? Task.FromResult<IReadOnlyList<MigrationNote>>([])
                : Steps.ActivityAsync<IReadOnlyList<MigrationNote>>(nameof(MigrateUsersActivity), Request);
            await Steps.ObserveAsync(Task.WhenAll(switching, users));
            var switched = await switching;
            turn.AddNotes([.. switched.Notes, .. await users]);
            EndStep("switch on", SwitchDetail(switched));

            if (turn.Reverse)
            {
                // Last: the old source takes application writes again (read_only back to its value before the migration).
                // Its binlog end just before ("source ready": its triggers, events and counters in place, no application
                // write yet) is where `flexmigrate resume` goes forward again without a copy. The ledger says so next:
                // a run resumed after a stop from here on ends the migration rolled back.
                var sourceReady = await Steps.CallAsync<SourcePositionRecorded>(nameof(RecordSourcePositionActivity), Steps.Request);
                await Steps.CallAsync<bool>(nameof(ResumeSourceWritesActivity), turn.OldSourceStep);
                await turn.RecordRolledBackAsync(sourceReady);
                EndStep("old source writable", "read_only back to its value before the migration, the rollback and its position in the ledger");
            }

            return null;
        }
        catch (TaskFailedException ex)
        {
            return $"the target could not be switched on: {Message(ex)}";
        }
    }

    /// <summary>
    /// The target is ready: record where reverse replication starts when asked, validate (as the offline migration
    /// does), drop the checkpoint, report, stop the source if asked (not while the old source replicates back).
    /// </summary>
    private async Task<(MigrationReport Report, SourcePositionRecorded? ReverseFrom)> FinishAsync(CutoverRequest cutover, SourceWritesStopped stopped,
        DateTime writesStoppedUtc)
    {
        var targetReadyUtc = context.CurrentUtcDateTime;
        var reverseFrom = await RecordReverseStartAsync();
        ValidationReport? validation = null;
        var artifacts = turn.State.InitialLoad.Artifacts ?? [];
        if (Request.Options.Validate)
        {
            await turn.PublishAsync(MigrationPhase.Validating, "validating the target against the stopped source");
            var (report, artifact) = await Steps.ValidateAsync();
            validation = report;
            artifacts = artifact is null ? artifacts : [.. artifacts, artifact];
        }

        var final = Report(await turn.CarriedReportAsync(), cutover, stopped, writesStoppedUtc, targetReadyUtc, validation) with { Artifacts = artifacts.Count > 0 ? artifacts : null };
        if (reverseFrom is not null && final.Outcome == MigrationOutcome.Succeeded)
        {
            // In the target's ledger before the forward checkpoint goes: a run resumed after a stop replicates back from here.
            await turn.RecordReverseStartAsync(final, reverseFrom);
        }

        await turn.DropStateAsync();
        var logger = context.CreateReplaySafeLogger(nameof(CutoverProcedure));
        if (turn.Reverse)
        {
            logger.RollbackCompleted(context.InstanceId, turn.State.CutoverAttempts, final.Reverse!.DowntimeSeconds);
            return (final, null);
        }

        if (reverseFrom is null && final.Outcome == MigrationOutcome.Succeeded && Request.Azure is { StopSourceAfterCutover: true })
        {
            await turn.PublishAsync(MigrationPhase.CuttingOver, "stopping the source server (Azure)");
            final = final with { Azure = await AzureSteps.StopSourceAsync(context, Request, final.Azure ?? AzureReport.Empty) };
        }

        logger.CutoverCompleted(context.InstanceId, turn.State.CutoverAttempts, final.Replication!.DowntimeSeconds);
        if (reverseFrom is not null)
        {
            logger.ReverseStarted(context.InstanceId, reverseFrom.Position.Position);
        }

        return (final, reverseFrom);
    }

    /// <summary>
    /// Hook at target ready, forward with reverseAfterCutover: the target's binlog end now, before any application
    /// write can reach it (they are pointed at the target only after this procedure reports), is where reverse
    /// replication starts; every later write on the target is replayed to the old source. Null otherwise.
    /// </summary>
    private async Task<SourcePositionRecorded?> RecordReverseStartAsync() =>
        turn.Reverse || !Request.Options.ReverseAfterCutover
            ? null
            : await Steps.ActivityAsync<SourcePositionRecorded>(nameof(RecordSourcePositionActivity), Request.Reversed());

    /// <summary>
    /// Drops the triggers and events the cutover created, then gives the source its writes back. A rollback first
    /// closes the old source again (read_only as the forward cutover left it), so at no moment both sides take writes.
    /// </summary>
    private async Task UndoAsync(CutoverStep step)
    {
        if (turn.Reverse)
        {
            await Steps.ActivityAsync<SourceWritesStopped>(nameof(StopSourceWritesActivity), turn.OldSourceStep);
        }

        turn.AddNotes(await Steps.ActivityAsync<IReadOnlyList<MigrationNote>>(nameof(UndoCutoverActivity), Request));
        await ResumeWritesAsync(step);
    }

    /// <summary>
    /// A run resumed after the process stopped while replicating back (<see cref="ReverseResume"/>): whatever rollback the
    /// killed run had begun is undone as a failed one is (the old source read-only without triggers and events, the
    /// target's writes back), so the target is never left read-only by a process that is gone.
    /// </summary>
    public Task UndoInterruptedRollbackAsync() => UndoAsync(new CutoverStep(Request, StopWritesMode.ReadOnly, turn.State.SourceWasReadOnly));

    private Task ResumeWritesAsync(CutoverStep step) => Steps.ActivityAsync<bool>(nameof(ResumeSourceWritesActivity), step);

    /// <summary>What the switch did and how long each of its parallel parts took inside the activity.</summary>
    private string SwitchDetail(TargetSwitched s) => string.Create(CultureInfo.InvariantCulture,
        $"{s.Triggers} triggers, {s.Events} events (read {s.ReadSeconds:0.000} s, created {s.ObjectsSeconds:0.000} s), {s.CountersRaised} AUTO_INCREMENT counters raised ({s.CountersSeconds:0.000} s){(Request.Users is null ? "" : ", accounts synced")}");

    /// <summary>Ends a step of the downtime and shows the steps so far in the status.</summary>
    private void EndStep(string name, string detail)
    {
        timeline!.End(name, detail);
        turn.Update(turn.State with { CutoverSteps = timeline.Steps.ToList() });
    }

    private MigrationOutcome? GiveUp(string reason)
    {
        var logger = context.CreateReplaySafeLogger(nameof(CutoverProcedure));
        if (turn.Reverse)
        {
            logger.RollbackUndone(context.InstanceId, turn.State.CutoverAttempts, reason);
        }
        else
        {
            logger.CutoverUndone(context.InstanceId, turn.State.CutoverAttempts, reason);
        }

        turn.Update(turn.State with { LastCutoverError = reason });
        return null;
    }

    private MigrationReport Report(MigrationReport load, CutoverRequest cutover, SourceWritesStopped stopped, DateTime writesStoppedUtc, DateTime targetReadyUtc,
        ValidationReport? validation)
    {
        var state = turn.State;
        var replication = new ReplicationReport(
            state.StartPosition.Position, state.CatchUpPosition.Position, stopped.FinalPosition.Position, state.Totals,
            state.Generation, state.CutoverAttempts, cutover.StopWrites, cutover.RequestedBy, stopped.ReadOnlySet,
            writesStoppedUtc, targetReadyUtc, Math.Round((targetReadyUtc - writesStoppedUtc).TotalSeconds, 3),
            state.LagHistory, state.Notes) { Steps = timeline!.Steps.ToList() };
        var outcome = validation is { Equal: false } ? MigrationOutcome.ValidationFailed
            : turn.Reverse ? MigrationOutcome.RolledBack : MigrationOutcome.Succeeded;
        if (turn.Reverse)
        {
            // The forward cutover's report, completed by the rollback (its downtime: writes stopped on the target to the old source writable).
            return load with
            {
                Outcome = outcome,
                FinishedUtc = context.CurrentUtcDateTime,
                Validation = validation,
                Reverse = replication,
            };
        }

        return load with
        {
            Outcome = outcome,
            FinishedUtc = context.CurrentUtcDateTime,
            Validation = validation,
            Replication = replication,
        };
    }

    private static string Message(TaskFailedException ex) => ex.FailureDetails.Innermost()?.ErrorMessage ?? ex.Message;
}
