namespace FlexMigrate.Orchestration.Contracts;

/// <summary>The replication part of the custom status: where replay is and how far behind the source.</summary>
/// <param name="StartPosition">P0, where replay started.</param>
/// <param name="CatchUpPosition">Where the copy finished.</param>
/// <param name="AppliedPosition">Checkpoint applied on the target.</param>
/// <param name="SourcePosition">The source's binlog end at the last batch.</param>
/// <param name="LagSeconds">Age of the last applied change (0 when caught up).</param>
/// <param name="LagBytes">Binlog bytes behind.</param>
/// <param name="RowsPerSecond">Apply rate of the last batch.</param>
/// <param name="TransactionsApplied">Source transactions applied so far.</param>
/// <param name="RowsApplied">Rows written so far.</param>
/// <param name="CaughtUp">Replay has passed the copy's end (cutover can be fast).</param>
/// <param name="Generation">ContinueAsNew generation of the loop.</param>
/// <param name="CutoverAttempts">Cutovers tried.</param>
/// <param name="LastCutoverError">Why the last cutover went back to replicating.</param>
/// <param name="LastApplyError">The latest batch failure while it is being retried.</param>
/// <param name="CutoverStep">What the cutover is doing, while it runs.</param>
public sealed record ReplicationStatus(
    string StartPosition,
    string CatchUpPosition,
    string AppliedPosition,
    string SourcePosition,
    double LagSeconds,
    long LagBytes,
    double RowsPerSecond,
    long TransactionsApplied,
    long RowsApplied,
    bool CaughtUp,
    int Generation,
    int CutoverAttempts,
    string? LastCutoverError,
    string? LastApplyError,
    string? CutoverStep)
{
    /// <summary>Forward (source to target) or reverse (target back to the old source, after a cutover); positions and lag are that direction's.</summary>
    public ReplicationDirection Direction { get; init; }

    /// <summary>The steps of the running or last cutover (or rollback) and their seconds so far; empty before one.</summary>
    public IReadOnlyList<CutoverStepTime> CutoverSteps { get; init; } = [];

    /// <summary>
    /// When <see cref="LagSeconds"/> was measured: the orchestration's time of the batch it comes from (null before
    /// one). A batch publishes nothing until it ends, so while one runs long the figure grows old.
    /// </summary>
    public DateTime? LagMeasuredUtc { get; init; }
}
