namespace FlexMigrate.Orchestration.Contracts;

/// <summary>
/// Everything the replication loop carries from one ContinueAsNew generation to the next. Bounded in size however
/// long replication runs (the lag history and notes are capped), so the durable history stays small for days.
/// </summary>
/// <param name="StartPosition">P0: the source position recorded before the copy; replay starts here.</param>
/// <param name="CatchUpPosition">Where the copy finished: past it the target equals the source at the applied point.</param>
/// <param name="Applied">Checkpoint applied on the target.</param>
/// <param name="SourcePosition">The source's binlog end at the last batch.</param>
/// <param name="SourceWasReadOnly">The source's read_only at the start (restored by a failed cutover).</param>
/// <param name="CaughtUp">Replay passed <paramref name="CatchUpPosition"/> and the deferred objects were added.</param>
/// <param name="Totals">Changes applied so far.</param>
/// <param name="LastBatch">The latest batch (lag, rate), null before the first.</param>
/// <param name="LagHistory">Lag samples, downsampled to a fixed maximum.</param>
/// <param name="Notes">Replication notes (skipped or deferred statements), capped.</param>
/// <param name="InitialLoad">The initial load's report (schema, copy) as a summary, the report itself by reference (issue 20).</param>
/// <param name="Generation">ContinueAsNew generation.</param>
/// <param name="CutoverAttempts">Cutovers tried so far.</param>
/// <param name="LastCutoverError">Why the last cutover went back to replicating, if it did.</param>
/// <param name="ConsecutiveApplyFailures">Batches that failed in a row (transient problems are retried with backoff).</param>
/// <param name="LastApplyError">The last batch failure, shown in the status until a batch succeeds.</param>
public sealed record ReplicationState(
    ReplicationPosition StartPosition,
    ReplicationPosition CatchUpPosition,
    ReplicationPosition Applied,
    string SourcePosition,
    bool SourceWasReadOnly,
    bool CaughtUp,
    ReplicationTotals Totals,
    ChangesApplied? LastBatch,
    IReadOnlyList<LagSample> LagHistory,
    IReadOnlyList<string> Notes,
    LoadSummary InitialLoad,
    int Generation,
    int CutoverAttempts,
    string? LastCutoverError,
    int ConsecutiveApplyFailures,
    string? LastApplyError)
{
    /// <summary>The phase the loop is in (carried so phase durations are logged once per phase, not per generation).</summary>
    public MigrationPhase Phase { get; init; } = MigrationPhase.CatchingUp;

    /// <summary>When <see cref="Phase"/> began.</summary>
    public DateTime PhaseStartedUtc { get; init; }

    /// <summary>Live control and throttling carried to the next generation (settings, commands taken, time throttled).</summary>
    public ThrottleStatus? Throttle { get; init; }

    /// <summary>
    /// Forward until the cutover; Reverse afterwards with reverseAfterCutover. In reverse the positions are the
    /// target's binlog, <see cref="InitialLoad"/> is the forward cutover's report and <see cref="CutoverAttempts"/> counts
    /// rollbacks.
    /// </summary>
    public ReplicationDirection Direction { get; init; }

    /// <summary>Reverse: the old source's triggers and events are dropped so they never fire on rows applied back.</summary>
    public bool SourceObjectsSuspended { get; init; }

    /// <summary>Reverse: the old source's read_only when the migration started, what a rollback gives back to it.</summary>
    public bool OldSourceWasReadOnly { get; init; }

    /// <summary>The steps of the running or last cutover (or rollback) and their seconds, shown in the status.</summary>
    public IReadOnlyList<CutoverStepTime> CutoverSteps { get; init; } = [];

    /// <summary>
    /// Reverse, in the first generation of a run resumed from the target's ledger: where the stopped run stood, acted on
    /// before anything else (null in every other generation).
    /// </summary>
    public ReverseInterruption? Interrupted { get; init; }
}
