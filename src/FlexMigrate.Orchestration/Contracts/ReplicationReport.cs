namespace FlexMigrate.Orchestration.Contracts;

/// <summary>The online part of a migration report: what replication applied and what the cutover cost.</summary>
/// <param name="StartPosition">P0, where replay started.</param>
/// <param name="CatchUpPosition">Where the copy finished.</param>
/// <param name="FinalPosition">The source position at cutover, which the target reached.</param>
/// <param name="Totals">Changes applied.</param>
/// <param name="Generations">ContinueAsNew generations of the replication loop.</param>
/// <param name="CutoverAttempts">Cutovers tried (the last one succeeded).</param>
/// <param name="StopWrites">How writes on the source were stopped.</param>
/// <param name="RequestedBy">Who asked for the cutover.</param>
/// <param name="SourceLeftReadOnly">FlexMigrate left the source read-only (applications must use the target now).</param>
/// <param name="WritesStoppedUtc">When writes stopped on the source.</param>
/// <param name="TargetReadyUtc">When the target had every change, trigger, event and AUTO_INCREMENT counter.</param>
/// <param name="DowntimeSeconds">From writes stopped to target ready.</param>
/// <param name="LagHistory">Lag samples over the replication (downsampled).</param>
/// <param name="Notes">Statements skipped or deferred during replication.</param>
public sealed record ReplicationReport(
    string StartPosition,
    string CatchUpPosition,
    string FinalPosition,
    ReplicationTotals Totals,
    int Generations,
    int CutoverAttempts,
    StopWritesMode StopWrites,
    string? RequestedBy,
    bool SourceLeftReadOnly,
    DateTime WritesStoppedUtc,
    DateTime TargetReadyUtc,
    double DowntimeSeconds,
    IReadOnlyList<LagSample> LagHistory,
    IReadOnlyList<string> Notes)
{
    /// <summary>The downtime split per step (stop writes, drain, switch on, ...); empty when no cutover ran.</summary>
    public IReadOnlyList<CutoverStepTime> Steps { get; init; } = [];
}
