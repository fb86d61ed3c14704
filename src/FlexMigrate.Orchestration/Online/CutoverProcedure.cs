using FlexMigrate.Core.Validation;
using FlexMigrate.Orchestration.Activities;
using FlexMigrate.Orchestration.Azure;
using FlexMigrate.Orchestration.Contracts;
using FlexMigrate.Orchestration.Logging;
using FlexMigrate.Orchestration.Offline;
using FlexMigrate.Orchestration.Validation;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Online;

/// <summary>
/// The cutover: stop writes on the source, read its final position, drain replay up to it, then switch the target
/// on (triggers, events, AUTO_INCREMENT counters), validate and report the downtime. Every step before "target
/// ready" can be undone: if draining does not finish within the request's timeout, or the target rejects a
/// trigger or event, the triggers and events just created are dropped, the source's read_only is restored and the
/// migration goes back to replicating with the reason in its status, ready for another cutover. It never leaves a
/// half-switched target.
/// </summary>
internal sealed class CutoverProcedure(TaskOrchestrationContext context, MigrationRequest request, ReplicationTurn turn)
{
    public async Task<MigrationReport?> RunAsync(CutoverRequest cutover)
    {
        turn.Update(turn.State with { CutoverAttempts = turn.State.CutoverAttempts + 1, LastCutoverError = null });
        context.CreateReplaySafeLogger(nameof(CutoverProcedure)).CutoverStarted(context.InstanceId, turn.State.CutoverAttempts, cutover.RequestedBy ?? "unknown", cutover.StopWrites.ToString());
        var step = new CutoverStep(request, cutover.StopWrites, turn.State.SourceWasReadOnly);
        var writesStoppedUtc = context.CurrentUtcDateTime;
        var deadline = writesStoppedUtc.AddSeconds(Math.Max(1, cutover.TimeoutSeconds));

        turn.Publish(MigrationPhase.CuttingOver, cutover.StopWrites == StopWritesMode.ReadOnly
            ? "setting the source read-only" : "reading the source's final position");
        SourceWritesStopped stopped;
        try
        {
            stopped = await context.CallActivityAsync<SourceWritesStopped>(nameof(StopSourceWritesActivity), step, RetryPolicies.Transient);
        }
        catch (TaskFailedException ex)
        {
            await ResumeWritesAsync(step);
            return GiveUp($"writes could not be stopped on the source: {Message(ex)}");
        }

        if (await DrainAsync(stopped.FinalPosition, deadline) is { } drainError)
        {
            await ResumeWritesAsync(step);
            return GiveUp(drainError);
        }

        if (await SwitchTargetOnAsync() is { } switchError)
        {
            await context.CallActivityAsync<IReadOnlyList<MigrationNote>>(nameof(UndoCutoverActivity), request, RetryPolicies.Transient);
            await ResumeWritesAsync(step);
            return GiveUp(switchError);
        }

        var targetReadyUtc = context.CurrentUtcDateTime;
        turn.Publish(MigrationPhase.Validating, "validating the target against the stopped source");
        ValidationReport? validation = null;
        if (request.Options.Validate)
        {
            validation = await context.CallSubOrchestratorAsync<ValidationReport>(nameof(ValidationOrchestrator), request);
        }

        await turn.DropStateAsync();
        var report = Report(cutover, stopped, writesStoppedUtc, targetReadyUtc, validation);
        if (report.Outcome == MigrationOutcome.Succeeded && request.Azure is { StopSourceAfterCutover: true })
        {
            turn.Publish(MigrationPhase.CuttingOver, "stopping the source server (Azure)");
            report = report with { Azure = await AzureSteps.StopSourceAsync(context, request, report.Azure ?? AzureReport.Empty) };
        }

        context.CreateReplaySafeLogger(nameof(CutoverProcedure)).CutoverCompleted(context.InstanceId, turn.State.CutoverAttempts, report.Replication!.DowntimeSeconds);
        turn.Publish(MigrationPhase.Completed, null);
        return report;
    }

    /// <summary>Applies batches until the applied checkpoint reaches the final position or the deadline passes.</summary>
    private async Task<string?> DrainAsync(ReplicationPosition final, DateTime deadline)
    {
        while (!ReplicationStateFolding.Reached(turn.State.Applied, final))
        {
            var remaining = (deadline - context.CurrentUtcDateTime).TotalSeconds;
            if (remaining <= 0)
            {
                return $"replay did not reach the source's final position {final.Position} within the cutover timeout "
                    + $"(applied {turn.State.Applied.Position}, {turn.State.LastBatch?.LagBytes ?? 0} bytes behind); "
                    + "retry when the lag is lower or with a longer timeout";
            }

            turn.Publish(MigrationPhase.CuttingOver, $"draining to {final.Position}");
            if (await turn.ApplyBatchAsync((int)Math.Ceiling(Math.Min(remaining, request.Options.ApplyBatchSeconds))) is { } failure)
            {
                return $"replay failed while draining: {Message(failure)}";
            }
        }

        return null;
    }

    /// <summary>Deferred objects (if replay had not caught up yet), then triggers, events and AUTO_INCREMENT counters.</summary>
    private async Task<string?> SwitchTargetOnAsync()
    {
        try
        {
            if (!turn.State.CaughtUp)
            {
                await turn.FinishCatchUpAsync();
            }

            turn.Publish(MigrationPhase.CuttingOver, "creating triggers and events, setting AUTO_INCREMENT counters");
            // A last account sync catches grants replay could not write yet (their object came later in the stream).
            foreach (var activity in new[] { nameof(CreateTriggersActivity), nameof(CreateEventsActivity), nameof(SyncAutoIncrementActivity), nameof(MigrateUsersActivity) })
            {
                turn.AddNotes(await context.CallActivityAsync<IReadOnlyList<MigrationNote>>(activity, request, RetryPolicies.Transient));
            }

            return null;
        }
        catch (TaskFailedException ex)
        {
            return $"the target could not be switched on: {Message(ex)}";
        }
    }

    private Task ResumeWritesAsync(CutoverStep step) =>
        context.CallActivityAsync(nameof(ResumeSourceWritesActivity), step, RetryPolicies.Transient);

    private MigrationReport? GiveUp(string reason)
    {
        context.CreateReplaySafeLogger(nameof(CutoverProcedure)).CutoverUndone(context.InstanceId, turn.State.CutoverAttempts, reason);
        turn.Update(turn.State with { LastCutoverError = reason });
        return null;
    }

    private MigrationReport Report(CutoverRequest cutover, SourceWritesStopped stopped, DateTime writesStoppedUtc, DateTime targetReadyUtc,
        ValidationReport? validation)
    {
        var state = turn.State;
        var replication = new ReplicationReport(
            state.StartPosition.Position, state.CatchUpPosition.Position, stopped.FinalPosition.Position, state.Totals,
            state.Generation, state.CutoverAttempts, cutover.StopWrites, cutover.RequestedBy, stopped.ReadOnlySet,
            writesStoppedUtc, targetReadyUtc, Math.Round((targetReadyUtc - writesStoppedUtc).TotalSeconds, 3),
            state.LagHistory, state.Notes);
        var outcome = validation is { Equal: false } ? MigrationOutcome.ValidationFailed : MigrationOutcome.Succeeded;
        return state.InitialLoad with
        {
            Outcome = outcome,
            FinishedUtc = context.CurrentUtcDateTime,
            Validation = validation,
            Replication = replication,
        };
    }

    private static string Message(TaskFailedException ex) => ex.FailureDetails.Innermost()?.ErrorMessage ?? ex.Message;
}
