using FlexMigrate.Core.Schema;
using FlexMigrate.Orchestration.Activities;
using FlexMigrate.Orchestration.Azure;
using FlexMigrate.Orchestration.Contracts;
using FlexMigrate.Orchestration.Logging;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Online;

/// <summary>
/// The end of reverse replication without a rollback (the <c>finish</c> event, a cancel or a failure while replicating
/// back): the target stays the primary. The old source gets its triggers and events back (created from the target's
/// definitions, as the forward cutover created them on the target: the old source is left whole, and still read-only),
/// the reverse checkpoint is dropped from it, and on <c>finish</c> the Azure source server is stopped when
/// azure.stopSourceAfterCutover asks. The report is the forward cutover's with the reverse part added.
/// </summary>
internal sealed class ReverseFinish(TaskOrchestrationContext context, ReplicationTurn turn)
{
    /// <summary>Runs the finish; returns the forward cutover's outcome (its report is in the turn).</summary>
    public async Task<MigrationOutcome?> RunAsync()
    {
        context.CreateReplaySafeLogger(nameof(ReverseFinish)).ReverseFinished(context.InstanceId, turn.State.Applied.Position);
        await turn.PublishAsync(MigrationPhase.Finishing, "creating the old source's triggers and events again");
        await RestoreOldSourceAsync(context, turn);
        var now = context.CurrentUtcDateTime;
        var forward = await turn.CarriedReportAsync();
        var report = forward with { FinishedUtc = now, Reverse = turn.ReverseReport(turn.State.Applied.Position, null, false, now, now) };
        if (forward.Outcome == MigrationOutcome.Succeeded && turn.Steps.Request.Azure is { StopSourceAfterCutover: true })
        {
            await turn.PublishAsync(MigrationPhase.Finishing, "stopping the source server (Azure)");
            report = report with { Azure = await AzureSteps.StopSourceAsync(context, turn.Steps.Request, report.Azure ?? AzureReport.Empty) };
        }

        return turn.Complete(report);
    }

    /// <summary>
    /// The report when reverse replication ends by a cancel (the target stays the primary: as <see cref="RunAsync"/>
    /// without stopping the Azure source) or a failure (the checkpoint and the dropped objects stay as they are, for a
    /// look at where replay stopped; the note says what to do).
    /// </summary>
    public static async Task<MigrationReport> EndAsync(TaskOrchestrationContext context, ReplicationTurn turn, MigrationOutcome outcome, string? failure)
    {
        var notes = new List<MigrationNote>();
        if (outcome == MigrationOutcome.Cancelled)
        {
            await RestoreOldSourceAsync(context, turn);
            notes.Add(new MigrationNote(NoteSeverity.Warning, "reverse",
                $"Reverse replication cancelled ({turn.Steps.Cancel.Reason}) at {turn.State.Applied.Position} of the target's binlog; the target stays the primary."));
        }
        else
        {
            notes.Add(new MigrationNote(NoteSeverity.Error, "reverse",
                $"Reverse replication failed at {turn.State.Applied.Position} of the target's binlog; the old source has no triggers or events and its checkpoint stays. The target stays the primary; start a new migration to move back."));
        }

        turn.AddNotes(notes);
        var load = await turn.CarriedReportAsync();
        var now = context.CurrentUtcDateTime;
        return load with
        {
            Outcome = outcome,
            FinishedUtc = now,
            Failure = failure,
            Reverse = turn.ReverseReport(turn.State.Applied.Position, null, false, now, now),
        };
    }

    /// <summary>Triggers and events back on the old source from the target's definitions, then its checkpoint dropped.</summary>
    private static async Task RestoreOldSourceAsync(TaskOrchestrationContext context, ReplicationTurn turn)
    {
        if (turn.State.SourceObjectsSuspended)
        {
            foreach (var activity in new[] { nameof(CreateTriggersActivity), nameof(CreateEventsActivity) })
            {
                // The metadata activities take a SchemaStep (issue 13); without a catalog they read the target as it is now.
                turn.AddNotes(await turn.Steps.ActivityAsync<IReadOnlyList<MigrationNote>>(activity, new SchemaStep(turn.Replication)));
            }
        }

        await turn.DropStateAsync();
    }
}
