using FlexMigrate.Core.Throttling;

namespace FlexMigrate.Orchestration.Contracts;

/// <summary>Input of <see cref="Activities.WaitForThrottleActivity"/>: wait until no condition holds, at most a while.</summary>
/// <param name="SourceConnection">Name of the source connection.</param>
/// <param name="TargetConnection">Name of the target connection.</param>
/// <param name="Settings">The conditions in force.</param>
/// <param name="MaxSeconds">Return after this long even if still throttled (the orchestration then shows the status and asks again).</param>
public sealed record ThrottleStep(string SourceConnection, string TargetConnection, ThrottleSettings Settings, int MaxSeconds);
