using FlexMigrate.Orchestration.Activities;
using FlexMigrate.Orchestration.Cancellation;
using FlexMigrate.Orchestration.Azure;
using FlexMigrate.Orchestration.Contracts;
using FlexMigrate.Orchestration.Offline;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Online;

/// <summary>Result of the initial load: the report when it ended the migration (precheck refusal, cancel), or the state replication starts from.</summary>
internal sealed record InitialLoadResult(MigrationReport? Ended, ReplicationState? State);

/// <summary>
/// Generation 0 of an online migration. No global lock on the source: P0 is recorded BEFORE the schema is read
/// and the copy starts, so every change a chunk may have missed (chunks see different moments after P0) is in the
/// binlog from P0 on; replaying it idempotently makes the target equal the source once replay passes the copy's end.
/// </summary>
internal static class OnlineInitialLoad
{
    public static async Task<InitialLoadResult> RunAsync(TaskOrchestrationContext context, MigrationRequest request)
    {
        var progress = new MigrationProgress(context.CurrentUtcDateTime);
        void Enter(MigrationPhase phase)
        {
            progress.Phase = phase;
            context.SetCustomStatus(progress.Status(context.CurrentUtcDateTime));
        }

        Enter(MigrationPhase.Precheck);
        var discovery = await AzureSteps.DiscoverAsync(context, request);
        if (!await LoadSteps.PrecheckPassesAsync(context, request, progress, discovery))
        {
            Enter(MigrationPhase.Blocked);
            return new InitialLoadResult(progress.Report(MigrationOutcome.PrecheckBlocked, context.CurrentUtcDateTime), null);
        }

        // Azure tuning (larger SKU, load parameters) holds for the copy only: replication's load is the source's
        // write rate, so the target goes back to its own configuration before replay starts, whatever happens.
        progress.Azure = discovery is null ? null : AzureSteps.Plan(request, discovery);
        try
        {
            if (progress.Azure is { Changes.Count: > 0 } azure)
            {
                Enter(MigrationPhase.TuningAzure);
                await AzureSteps.ApplyAsync(context, azure);
            }

            return await LoadAsync(context, request, progress, Enter);
        }
        catch (MigrationCancelledException)
        {
            Enter(MigrationPhase.Cancelled);
            return new InitialLoadResult(progress.Report(MigrationOutcome.Cancelled, context.CurrentUtcDateTime) with { Azure = progress.Azure }, null);
        }
        finally
        {
            if (progress.Azure is { Changes.Count: > 0, Restores.Count: 0 } tuned)
            {
                Enter(MigrationPhase.RestoringAzure);
                progress.Azure = await AzureSteps.RestoreAsync(context, tuned);
            }
        }
    }

    private static async Task<InitialLoadResult> LoadAsync(
        TaskOrchestrationContext context, MigrationRequest request, MigrationProgress progress, Action<MigrationPhase> Enter)
    {
        Enter(MigrationPhase.RecordingPosition);
        var start = await context.CallActivityAsync<SourcePositionRecorded>(nameof(RecordSourcePositionActivity), request, RetryPolicies.Transient);

        Enter(MigrationPhase.Planning);
        var plan = await LoadSteps.PlanAsync(context, request);
        progress.PlanTables(plan.Tables);
        progress.AddNotes(plan.Notes);

        Enter(MigrationPhase.CreatingTables);
        progress.AddNotes(await context.CallActivityAsync<IReadOnlyList<MigrationNote>>(
            nameof(CreateTablesActivity), request, RetryPolicies.Transient));

        Enter(MigrationPhase.PlanningChunks);
        var chunks = await LoadSteps.PlanChunksAsync(context, request, plan, progress);

        // AddIndexesActivity leaves UNIQUE indexes out in online mode: see ReplicationTurn.FinishCatchUpAsync.
        Enter(MigrationPhase.CopyingData);
        await LoadSteps.CopyAsync(context, request, chunks, progress, new CancelSignal(context));

        Enter(MigrationPhase.RecordingPosition);
        var copied = await context.CallActivityAsync<SourcePositionRecorded>(nameof(RecordSourcePositionActivity), request, RetryPolicies.Transient);
        var load = progress.Report(MigrationOutcome.Succeeded, context.CurrentUtcDateTime) with { Azure = progress.Azure };
        var state = new ReplicationState(
            StartPosition: start.Position,
            CatchUpPosition: copied.Position,
            Applied: start.Position,
            SourcePosition: copied.Position.Position,
            SourceWasReadOnly: start.ReadOnly,
            CaughtUp: false,
            Totals: new ReplicationTotals(),
            LastBatch: null,
            LagHistory: [],
            Notes: [],
            InitialLoad: load,
            Generation: 0,
            CutoverAttempts: 0,
            LastCutoverError: null,
            ConsecutiveApplyFailures: 0,
            LastApplyError: null);
        return new InitialLoadResult(null, state);
    }
}
