using FlexMigrate.Core.Schema;
using FlexMigrate.Orchestration.Activities;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Online;

/// <summary>
/// The first turn of a run resumed from the target's ledger while the migration replicated back (the process that ran
/// it was killed or its machine rebooted): settles what the stopped run left half-done before replication goes on.
/// Whatever it was doing, a rollback it may have begun is undone as a failed rollback is (the old source read-only
/// without triggers and events, the target's writes back: nothing is left read-only by a process that is gone, and
/// the applier's checkpoint on the old source keeps every row applied exactly once). Then: a stopped finish is run
/// again (the old source's triggers and events created once, from the target's definitions); a rollback that had
/// already made the old source writable is completed (writes there again, the migration ends rolled back); a stopped
/// rollback waits for a new <c>rollback</c>, the reason in the status. Idempotent: a kill in here is resumed the same way.
/// </summary>
internal sealed class ReverseResume(TaskOrchestrationContext context, ReplicationTurn turn)
{
    /// <summary>Settles <paramref name="interrupted"/>; returns the migration's outcome when that ends it, else null.</summary>
    public async Task<MigrationOutcome?> RunAsync(ReverseInterruption interrupted)
    {
        turn.Update(turn.State with { Interrupted = null });
        if (interrupted == ReverseInterruption.RolledBack)
        {
            return await CompleteRollbackAsync();
        }

        await new CutoverProcedure(context, turn).UndoInterruptedRollbackAsync();
        turn.Update(turn.State with { SourceObjectsSuspended = true });
        return interrupted switch
        {
            ReverseInterruption.Finish => await new ReverseFinish(context, turn).RunAsync(),
            ReverseInterruption.Rollback => Retry(),
            _ => null,
        };
    }

    /// <summary>The stopped rollback had switched the old source on: it stays the primary, and the migration ends rolled back.</summary>
    private async Task<MigrationOutcome?> CompleteRollbackAsync()
    {
        await turn.Steps.CallAsync<bool>(nameof(ResumeSourceWritesActivity), turn.OldSourceStep);
        await turn.DropStateAsync();
        turn.AddNotes([new MigrationNote(NoteSeverity.Warning, "reverse",
            "The rollback had made the old source writable when its process stopped; the resumed run completed it without "
            + "its validation (compare the servers with flexmigrate validate).")]);
        var load = await turn.CarriedReportAsync();
        var now = context.CurrentUtcDateTime;
        return turn.Complete(load with
        {
            Outcome = MigrationOutcome.RolledBack,
            FinishedUtc = now,
            Reverse = turn.ReverseReport(turn.State.Applied.Position, null, targetLeftReadOnly: true, now, now),
        });
    }

    private MigrationOutcome? Retry()
    {
        turn.Update(turn.State with
        {
            LastCutoverError = "the rollback's process stopped before the old source was switched on; the rollback was undone "
                + "(the target takes writes again, the old source is read-only and replicates from it): send rollback again",
        });
        return null;
    }
}
