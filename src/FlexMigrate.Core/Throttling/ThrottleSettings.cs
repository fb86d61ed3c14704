namespace FlexMigrate.Core.Throttling;

/// <summary>
/// When a migration's copy and replay hold back (docs/throttling.md). Every condition is optional; none set means
/// the migration runs as fast as it can. Carried in the durable payload of every unit of work, so a change made
/// while the migration runs reaches the next unit in whatever process runs it. Small: limits and connection names only.
/// </summary>
/// <param name="MaxRowsPerSecond">Rows per second the copy and the replay may write together; null = unlimited.</param>
/// <param name="MaxSourceLoad">Throttle while any of these source counters is above its limit.</param>
/// <param name="MaxTargetLoad">Throttle while any of these target counters is above its limit.</param>
/// <param name="MaxReplicaLagSeconds">Throttle while a replica in <paramref name="ThrottleReplicas"/> lags more than this.</param>
/// <param name="ThrottleReplicas">Connection names of the source's own read replicas to watch.</param>
/// <param name="CriticalSourceLoad">Hibernate (all work stops, no source connection held) while a counter is above its limit.</param>
/// <param name="CriticalHibernateSeconds">How long one hibernation lasts before the load is looked at again.</param>
public sealed record ThrottleSettings(
    long? MaxRowsPerSecond = null,
    IReadOnlyList<LoadLimit>? MaxSourceLoad = null,
    IReadOnlyList<LoadLimit>? MaxTargetLoad = null,
    double? MaxReplicaLagSeconds = null,
    IReadOnlyList<string>? ThrottleReplicas = null,
    IReadOnlyList<LoadLimit>? CriticalSourceLoad = null,
    int CriticalHibernateSeconds = ThrottleSettings.DefaultHibernateSeconds)
{
    /// <summary>Default hibernation: a minute, long enough for a load peak to pass, short enough to resume soon.</summary>
    public const int DefaultHibernateSeconds = 60;

    /// <summary>No condition: nothing is ever throttled.</summary>
    public static ThrottleSettings None { get; } = new();

    /// <summary>True when a condition needs the servers' status sampled (rows per second alone does not).</summary>
    public bool SamplesServers =>
        MaxSourceLoad is { Count: > 0 } || MaxTargetLoad is { Count: > 0 } || CriticalSourceLoad is { Count: > 0 }
        || (MaxReplicaLagSeconds is not null && ThrottleReplicas is { Count: > 0 });

    /// <summary>
    /// The settings as one line, `max-rows-per-second=1000 max-source-load=Threads_running=25 ...` (set ones only):
    /// what the status shows, and equal exactly when two settings are (the record's own equality compares lists by reference).
    /// </summary>
    public string Describe() => string.Join(" ", new[]
    {
        MaxRowsPerSecond is { } rows ? $"{ThrottleConditions.MaxRowsPerSecond}={rows}" : null,
        MaxSourceLoad is { Count: > 0 } source ? $"{ThrottleConditions.MaxSourceLoad}={LoadLimit.Format(source)}" : null,
        MaxTargetLoad is { Count: > 0 } target ? $"{ThrottleConditions.MaxTargetLoad}={LoadLimit.Format(target)}" : null,
        MaxReplicaLagSeconds is { } lag ? FormattableString.Invariant($"{ThrottleConditions.MaxReplicaLag}={lag}") : null,
        ThrottleReplicas is { Count: > 0 } replicas ? $"throttle-replicas={string.Join(",", replicas)}" : null,
        CriticalSourceLoad is { Count: > 0 } critical
            ? $"{ThrottleConditions.CriticalSourceLoad}={LoadLimit.Format(critical)} critical-hibernate-seconds={CriticalHibernateSeconds}" : null,
    }.OfType<string>());

    /// <summary>True when no condition is set.</summary>
    public bool IsEmpty => MaxRowsPerSecond is null && !SamplesServers;
}
