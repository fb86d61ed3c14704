using FlexMigrate.Orchestration.Activities;
using FlexMigrate.Orchestration.Contracts;
using FlexMigrate.Orchestration.Offline;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Online;

/// <summary>Result of the initial load: the precheck's refusal, or the state replication starts from.</summary>
internal sealed record InitialLoadResult(MigrationReport? Blocked, ReplicationState? State);

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
        if (!await LoadSteps.PrecheckPassesAsync(context, request, progress))
        {
            Enter(MigrationPhase.Blocked);
            return new InitialLoadResult(progress.Report(MigrationOutcome.PrecheckBlocked, context.CurrentUtcDateTime), null);
        }

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
        await LoadSteps.CopyAsync(context, request, chunks, progress);

        Enter(MigrationPhase.RecordingPosition);
        var copied = await context.CallActivityAsync<SourcePositionRecorded>(nameof(RecordSourcePositionActivity), request, RetryPolicies.Transient);
        var load = progress.Report(MigrationOutcome.Succeeded, context.CurrentUtcDateTime);
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
