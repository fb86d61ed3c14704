using MySqlConnector;

namespace FlexMigrate.Core.Throttling;

/// <summary>
/// The throttle of one migration in one process (docs/throttling.md): every copy and replay unit asks
/// <see cref="CheckAsync"/> before it starts and takes its rows from <see cref="Rows"/> as it writes them. The servers'
/// status is sampled at most once a second whoever asks (one sample serves every unit), and only while some unit
/// asks. Critical source load starts a hibernation: no sample and no unit touch the source until it ends, and the
/// idle pooled source connections are closed. Thread-safe; its settings follow the newest ones a unit brought.
/// </summary>
public sealed class MigrationThrottle
{
    /// <summary>How old a sample may be before a check takes a new one.</summary>
    public static readonly TimeSpan SampleInterval = TimeSpan.FromSeconds(1);

    private readonly ThrottleServers servers;
    private readonly TimeProvider time;
    private readonly SemaphoreSlim sampling = new(1, 1);
    private readonly Lock gate = new();
    private readonly Dictionary<string, double> secondsByCondition = new(StringComparer.Ordinal);
    private ThrottleSettings settings = ThrottleSettings.None;
    private ThrottleReason? reason;
    private DateTimeOffset? hibernatingUntil;
    private DateTimeOffset? sampledAt;
    private long version;
    private long sampledVersion = -1;

    /// <summary>A throttle sampling <paramref name="servers"/>; <paramref name="time"/> is the clock (tests pass a fake).</summary>
    public MigrationThrottle(ThrottleServers servers, TimeProvider? time = null)
    {
        this.servers = servers ?? throw new ArgumentNullException(nameof(servers));
        this.time = time ?? TimeProvider.System;
        Rows = new RowRateLimiter(this.time);
    }

    /// <summary>The rows-per-second bucket every unit of this migration takes from.</summary>
    public RowRateLimiter Rows { get; }

    /// <summary>The settings in force.</summary>
    public ThrottleSettings Settings
    {
        get
        {
            lock (gate)
            {
                return settings;
            }
        }
    }

    /// <summary>Takes the settings a unit brought (the orchestration's current ones); a change counts from the next check.</summary>
    public void Apply(ThrottleSettings next)
    {
        ArgumentNullException.ThrowIfNull(next);
        lock (gate)
        {
            if (next.Describe() == settings.Describe())
            {
                return;
            }

            settings = next;
            version++;
            if (next.CriticalSourceLoad is not { Count: > 0 })
            {
                hibernatingUntil = null;
            }
        }

        Rows.Rate = next.MaxRowsPerSecond ?? 0;
    }

    /// <summary>
    /// Why no new unit may start now (null: go ahead). Samples the servers when the last sample is older than
    /// <see cref="SampleInterval"/>; during a hibernation it samples nothing until the hibernation ends.
    /// </summary>
    public async ValueTask<ThrottleReason?> CheckAsync(CancellationToken cancellationToken = default)
    {
        if (!Stale())
        {
            return CurrentReason();
        }

        await sampling.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Stale())
            {
                await SampleAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            sampling.Release();
        }

        return CurrentReason();
    }

    /// <summary>
    /// Waits until no condition throttles or <paramref name="atMost"/> passed, checking every
    /// <see cref="SampleInterval"/>; returns the reason still in force (null when work may start).
    /// </summary>
    public async Task<ThrottleReason?> WaitAsync(TimeSpan atMost, CancellationToken cancellationToken = default)
    {
        var start = time.GetTimestamp();
        while (await CheckAsync(cancellationToken).ConfigureAwait(false) is { } held)
        {
            var left = atMost - time.GetElapsedTime(start);
            if (left <= TimeSpan.Zero)
            {
                return held;
            }

            await Task.Delay(left < SampleInterval ? left : SampleInterval, time, cancellationToken).ConfigureAwait(false);
        }

        return null;
    }

    /// <summary>What it saw last, with the time throttled per condition (rows per second included).</summary>
    public ThrottleSnapshot Snapshot()
    {
        lock (gate)
        {
            var seconds = new Dictionary<string, double>(secondsByCondition, StringComparer.Ordinal);
            if (Rows.WaitedSeconds > 0)
            {
                seconds[ThrottleConditions.MaxRowsPerSecond] = Rows.WaitedSeconds;
            }

            var current = reason ?? (Rows.Limiting ? new ThrottleReason(ThrottleConditions.MaxRowsPerSecond, "rows/s", settings.MaxRowsPerSecond ?? 0, settings.MaxRowsPerSecond ?? 0) : null);
            return new ThrottleSnapshot(current, hibernatingUntil, seconds.ToDictionary(p => p.Key, p => Math.Round(p.Value, 1), StringComparer.Ordinal));
        }
    }

    private bool Stale()
    {
        lock (gate)
        {
            return sampledVersion != version || sampledAt is not { } at || time.GetUtcNow() - at >= SampleInterval;
        }
    }

    private ThrottleReason? CurrentReason()
    {
        lock (gate)
        {
            return reason;
        }
    }

    private async Task SampleAsync(CancellationToken cancellationToken)
    {
        ThrottleSettings now;
        long sampleVersion;
        lock (gate)
        {
            now = settings;
            sampleVersion = version;
            if (hibernatingUntil is { } until && time.GetUtcNow() < until)
            {
                // Hibernating: the source is not touched, not even to sample it.
                Account(time.GetUtcNow());
                sampledVersion = sampleVersion;
                return;
            }

            hibernatingUntil = null;
        }

        // The sample counts (and the old one stops counting) only once it is read: a check meanwhile waits for it.
        var found = await EvaluateAsync(now, cancellationToken).ConfigureAwait(false);
        var hibernate = found?.Condition == ThrottleConditions.CriticalSourceLoad;
        lock (gate)
        {
            Account(time.GetUtcNow());
            sampledVersion = sampleVersion;
            reason = found;
            if (hibernate)
            {
                hibernatingUntil = time.GetUtcNow().AddSeconds(Math.Max(1, now.CriticalHibernateSeconds));
            }
        }

        if (hibernate)
        {
            // Idle pooled sessions would stay open on the source through the hibernation; sessions in use are
            // closed when their unit returns them (the pool's generation changed).
            await MySqlConnection.ClearAllPoolsAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    // Adds the time since the last sample to the condition that held during it (call under the lock).
    private void Account(DateTimeOffset now)
    {
        if (sampledAt is { } last && reason is { } held)
        {
            secondsByCondition[held.Condition] = secondsByCondition.GetValueOrDefault(held.Condition) + (now - last).TotalSeconds;
        }

        sampledAt = now;
    }

    /// <summary>The first condition that holds, most severe first: critical source load, source, target, replicas.</summary>
    private async Task<ThrottleReason?> EvaluateAsync(ThrottleSettings now, CancellationToken cancellationToken)
    {
        var critical = now.CriticalSourceLoad ?? [];
        var sourceLimits = now.MaxSourceLoad ?? [];
        var source = await ServerLoadSampler.ReadStatusAsync(servers.Source,
            [.. critical.Concat(sourceLimits).Select(l => l.Variable).Distinct(StringComparer.OrdinalIgnoreCase)], cancellationToken).ConfigureAwait(false);
        var target = await ServerLoadSampler.ReadStatusAsync(servers.Target,
            [.. (now.MaxTargetLoad ?? []).Select(l => l.Variable).Distinct(StringComparer.OrdinalIgnoreCase)], cancellationToken).ConfigureAwait(false);
        return Above(ThrottleConditions.CriticalSourceLoad, critical, source)
            ?? Above(ThrottleConditions.MaxSourceLoad, sourceLimits, source)
            ?? Above(ThrottleConditions.MaxTargetLoad, now.MaxTargetLoad ?? [], target)
            ?? await ReplicaLagAsync(now, cancellationToken).ConfigureAwait(false);
    }

    private static ThrottleReason? Above(string condition, IReadOnlyList<LoadLimit> limits, IReadOnlyDictionary<string, double> values) =>
        limits.Where(l => values[l.Variable] > l.Limit).Select(l => new ThrottleReason(condition, l.Variable, values[l.Variable], l.Limit)).FirstOrDefault();

    private async Task<ThrottleReason?> ReplicaLagAsync(ThrottleSettings now, CancellationToken cancellationToken)
    {
        if (now.MaxReplicaLagSeconds is not { } limit)
        {
            return null;
        }

        foreach (var name in now.ThrottleReplicas ?? [])
        {
            if (!servers.Replicas.TryGetValue(name, out var replica))
            {
                throw new UserActionRequiredException($"--throttle-replicas names '{name}', which is not a known connection: define it like the source and target.");
            }

            var lag = await ServerLoadSampler.ReadReplicaLagAsync(replica, cancellationToken).ConfigureAwait(false);
            if (lag is null || lag > limit)
            {
                // A replica whose replication is stopped cannot be watched: hold back, like gh-ost, until it runs again.
                return new ThrottleReason(ThrottleConditions.MaxReplicaLag, name, lag ?? -1, limit);
            }
        }

        return null;
    }
}
