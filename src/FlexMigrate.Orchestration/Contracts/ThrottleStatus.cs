using FlexMigrate.Core.Throttling;

namespace FlexMigrate.Orchestration.Contracts;

/// <summary>
/// Throttling and live control as the status, the CLI line, the dashboard and the report show them.
/// </summary>
/// <param name="Paused">Paused by a control command.</param>
/// <param name="Throttled">A throttle condition holds new work back now.</param>
/// <param name="Reason">The condition, its value and limit (null when not throttled).</param>
/// <param name="HibernatingUntilUtc">Critical load: the end of the current hibernation.</param>
/// <param name="SecondsByCondition">Seconds spent throttled per condition ("paused" included).</param>
/// <param name="Settings">The settings in force.</param>
/// <param name="Changes">Control commands in the order they took effect (or were refused), with the time.</param>
public sealed record ThrottleStatus(
    bool Paused,
    bool Throttled,
    ThrottleReason? Reason,
    DateTime? HibernatingUntilUtc,
    IReadOnlyDictionary<string, double> SecondsByCondition,
    ControlSettings Settings,
    IReadOnlyList<ControlAcknowledgement> Changes)
{
    /// <summary>True when there is more to tell than the default settings: a condition set, a command taken, time held back.</summary>
    public bool Noteworthy => Paused || Throttled || !Settings.Throttle.IsEmpty || Changes.Count > 0 || SecondsByCondition.Count > 0;
}

/// <summary>A control command as the orchestration took it.</summary>
/// <param name="Change">What was asked ("pause", "set parallelism=2").</param>
/// <param name="RequestedBy">Who asked.</param>
/// <param name="AppliedUtc">When it took effect (orchestration time), or was refused.</param>
/// <param name="Refused">Why it was refused; null when applied.</param>
public sealed record ControlAcknowledgement(string Change, string? RequestedBy, DateTime AppliedUtc, string? Refused = null);
