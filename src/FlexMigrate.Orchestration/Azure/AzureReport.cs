using FlexMigrate.Azure.Arm;

namespace FlexMigrate.Orchestration.Azure;

/// <summary>
/// The Azure part of a migration report: every change made to the servers with its before/after value, how each
/// restore went, and the source stop after cutover.
/// </summary>
/// <param name="Changes">Changes planned and applied (a failed apply may have applied only the first ones; all are restored).</param>
/// <param name="Restores">One outcome per change, in restore (reverse) order; empty until restored.</param>
/// <param name="SourceStopped">The stop of the source after cutover, or null when not requested or it was already stopped.</param>
public sealed record AzureReport(
    IReadOnlyList<AzureChange> Changes,
    IReadOnlyList<AzureRestoreOutcome> Restores,
    AzureChange? SourceStopped = null)
{
    public static AzureReport Empty { get; } = new([], []);

    /// <summary>True when every change is back at its original value (or there was none).</summary>
    public bool FullyRestored => Restores.Count == Changes.Count
        && Restores.All(r => r.Status is AzureRestoreStatus.Restored or AzureRestoreStatus.AlreadyRestored);
}
