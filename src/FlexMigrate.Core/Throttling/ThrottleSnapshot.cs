namespace FlexMigrate.Core.Throttling;

/// <summary>
/// What a <see cref="MigrationThrottle"/> saw last, returned with every unit of work so the orchestration can show it:
/// the reason it throttles now (null when it does not), whether it hibernates, and the time spent throttled per
/// condition since the process began throttling this migration (wall time: parallel units waiting together count once).
/// </summary>
/// <param name="Reason">Why it throttles now; null when work may start.</param>
/// <param name="HibernatingUntil">The end of the current hibernation (critical load), else null.</param>
/// <param name="SecondsByCondition">Seconds throttled per condition name.</param>
public sealed record ThrottleSnapshot(ThrottleReason? Reason, DateTimeOffset? HibernatingUntil, IReadOnlyDictionary<string, double> SecondsByCondition)
{
    /// <summary>True when no new unit of work may start.</summary>
    public bool Throttled => Reason is not null;
}
