using FlexMigrate.Core.Binlog;
using FlexMigrate.Orchestration.Contracts;

namespace FlexMigrate.Orchestration.Online;

/// <summary>
/// Pure functions over <see cref="ReplicationState"/>: fold a batch in, keep the carried lists bounded, render the
/// status. Pure so the orchestrator stays deterministic and the rules are unit-tested without an engine.
/// </summary>
internal static class ReplicationStateFolding
{
    /// <summary>Lag samples kept; older ones are thinned out by halving, so days of history fit in a fixed size.</summary>
    public const int MaxLagSamples = 240;

    /// <summary>Replication notes kept (the first ones: later repeats add nothing).</summary>
    public const int MaxNotes = 100;

    /// <summary>
    /// The state replication starts from once the load is done: replay from P0 (<paramref name="start"/>), caught up past
    /// the copy's end (<paramref name="copyEnd"/>); <paramref name="load"/> is the load's report (Azure changes restored).
    /// </summary>
    public static ReplicationState Start(SourcePositionRecorded start, SourcePositionRecorded copyEnd, LoadSummary load,
        MigrationPhase phase, DateTime phaseStartedUtc) => new(
        StartPosition: start.Position,
        CatchUpPosition: copyEnd.Position,
        Applied: start.Position,
        SourcePosition: copyEnd.Position.Position,
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
        LastApplyError: null)
    {
        Phase = phase,
        PhaseStartedUtc = phaseStartedUtc,
    };

    /// <summary>
    /// The state reverse replication starts from after a cutover: replay of the target's binlog from
    /// <paramref name="targetReady"/> (its end when the target became ready, before any application write could reach
    /// it) onto the old source. Nothing was copied in this direction, so it is caught up from the start;
    /// <paramref name="forward"/> is the cutover's report, which the rollback or finish completes.
    /// </summary>
    public static ReplicationState Reverse(ReplicationState forwardState, SourcePositionRecorded targetReady, LoadSummary forward,
        DateTime nowUtc) => new(
        StartPosition: targetReady.Position,
        CatchUpPosition: targetReady.Position,
        Applied: targetReady.Position,
        SourcePosition: targetReady.Position.Position,
        SourceWasReadOnly: targetReady.ReadOnly,
        CaughtUp: true,
        Totals: new ReplicationTotals(),
        LastBatch: null,
        LagHistory: [],
        Notes: [],
        InitialLoad: forward,
        Generation: forwardState.Generation,
        CutoverAttempts: 0,
        LastCutoverError: null,
        ConsecutiveApplyFailures: 0,
        LastApplyError: null)
    {
        Phase = forwardState.Phase,
        PhaseStartedUtc = nowUtc,
        Throttle = forwardState.Throttle,
        Direction = ReplicationDirection.Reverse,
        OldSourceWasReadOnly = forwardState.SourceWasReadOnly,
    };

    /// <summary>
    /// The state of a run resumed from the target's ledger after the forward cutover an earlier run completed
    /// (<paramref name="recorded"/>): reverse replication from the recorded start (the applier continues from its
    /// checkpoint on the old source), with <see cref="ReplicationState.Interrupted"/> saying where the stopped run stood;
    /// <paramref name="forward"/> is the summary of the recorded forward report.
    /// </summary>
    public static ReplicationState ResumedReverse(ReverseStartRecorded recorded, LedgerOpened run, LoadSummary forward, DateTime nowUtc)
    {
        var phase = Enum.TryParse<MigrationPhase>(run.ResumedFromPhase, out var stoppedIn) ? stoppedIn : MigrationPhase.ReplicatingBack;
        var state = Start(recorded.TargetReady, recorded.TargetReady, forward, phase, nowUtc) with { SourceWasReadOnly = recorded.OldSourceWasReadOnly };
        return Reverse(state, recorded.TargetReady, forward, nowUtc) with
        {
            Interrupted = run.Done(Core.Ledger.LedgerSteps.RolledBack) ? ReverseInterruption.RolledBack
                : phase switch
                {
                    MigrationPhase.RollingBack => ReverseInterruption.Rollback,
                    MigrationPhase.Finishing => ReverseInterruption.Finish,
                    _ => ReverseInterruption.Replicating,
                },
        };
    }

    /// <summary>
    /// The state of forward replication again after a rollback (issue 16): replay of the old source's binlog from the
    /// rollback's "source ready" position, where the target equals it (the reverse stream had drained to it). Nothing is
    /// copied, so it is caught up from the start (its keys, routines and views are in place); <paramref name="report"/> (see
    /// <see cref="ForwardAgainReport"/>) is the one the next cutover completes.
    /// </summary>
    public static ReplicationState ForwardAgain(ForwardAgainRecorded start, LoadSummary report, DateTime nowUtc)
    {
        return Start(start.From, start.From, report, MigrationPhase.Replicating, nowUtc) with
        {
            CaughtUp = true,
            SourceWasReadOnly = start.SourceWasReadOnly,
        };
    }

    /// <summary>The report forward replication after a rollback completes: the first cutover's, with <paramref name="notes"/>.</summary>
    public static MigrationReport ForwardAgainReport(ForwardAgainRecorded start, IReadOnlyList<Core.Schema.MigrationNote> notes) =>
        start.Forward with { Notes = start.Forward.Notes.Concat(notes).ToList(), Reverse = null, Validation = null };

    public static ReplicationState WithBatch(this ReplicationState state, ChangesApplied batch, DateTime nowUtc)
    {
        var rate = batch.Seconds > 0 ? Math.Round(batch.Rows / batch.Seconds, 1) : 0;
        return state with
        {
            Applied = Later(state.Applied, batch.Checkpoint),
            SourcePosition = batch.SourcePosition,
            Totals = state.Totals.Add(batch),
            LastBatch = batch,
            LagHistory = Thinned(state.LagHistory, new LagSample(nowUtc, batch.LagSeconds, batch.LagBytes, rate)),
            Notes = state.Notes.Concat(batch.Notes.Where(n => !state.Notes.Contains(n))).Take(MaxNotes).ToList(),
            ConsecutiveApplyFailures = 0,
            LastApplyError = null,
        };
    }

    /// <summary>True once <paramref name="applied"/> is at or past <paramref name="target"/>.</summary>
    public static bool Reached(ReplicationPosition applied, ReplicationPosition target) =>
        BinlogPosition.Parse(applied.Position).CompareTo(BinlogPosition.Parse(target.Position)) >= 0;

    public static ReplicationStatus Status(this ReplicationState state, string? cutoverStep) => new(
        state.StartPosition.Position,
        state.CatchUpPosition.Position,
        state.Applied.Position,
        state.SourcePosition,
        state.LastBatch?.LagSeconds ?? 0,
        state.LastBatch?.LagBytes ?? 0,
        state.LagHistory.Count > 0 ? state.LagHistory[^1].RowsPerSecond : 0,
        state.Totals.Transactions,
        state.Totals.Rows,
        state.CaughtUp,
        state.Generation,
        state.CutoverAttempts,
        state.LastCutoverError,
        state.LastApplyError,
        cutoverStep)
    {
        Direction = state.Direction,
        CutoverSteps = state.CutoverSteps,
        LagMeasuredUtc = state.LagHistory.Count > 0 ? state.LagHistory[^1].Utc : null,
    };

    /// <summary>
    /// The whole custom status of a replicating migration: the initial load's totals plus replication. Built from the
    /// carried summary, so its cost and size do not grow with the table count (it is published every turn).
    /// </summary>
    public static MigrationStatus MigrationStatus(this ReplicationState state, MigrationPhase phase, string? cutoverStep)
    {
        var load = state.InitialLoad;
        return new MigrationStatus(phase, load.StartedUtc, load.Tables, load.Tables, load.RowsCopied, load.RowsCopied,
            load.BytesCopied, load.RowsPerSecond, null, [], load.Notes + load.AddedNotes.Count + state.Notes.Count, load.Findings)
        {
            Replication = state.Status(cutoverStep),
            Azure = load.Azure,
        };
    }

    private static ReplicationPosition Later(ReplicationPosition a, ReplicationPosition b) => Reached(a, b) ? a : b;

    private static List<LagSample> Thinned(IReadOnlyList<LagSample> history, LagSample next)
    {
        var list = history.Count >= MaxLagSamples ? history.Where((_, i) => i % 2 == 1).ToList() : history.ToList();
        list.Add(next);
        return list;
    }
}
