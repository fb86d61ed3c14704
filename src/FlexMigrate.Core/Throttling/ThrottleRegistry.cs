using System.Collections.Concurrent;

namespace FlexMigrate.Core.Throttling;

/// <summary>
/// The throttles of the migrations this process works for, one per migration id, so every unit of a migration that
/// runs here shares one sample and one rows-per-second bucket. A throttle unused for an hour is forgotten (a
/// long-lived Functions worker serves many migrations).
/// </summary>
public sealed class ThrottleRegistry(TimeProvider? time = null)
{
    private static readonly TimeSpan Forget = TimeSpan.FromHours(1);

    private readonly TimeProvider clock = time ?? TimeProvider.System;
    private readonly ConcurrentDictionary<string, (MigrationThrottle Throttle, DateTimeOffset UsedAt)> throttles = new(StringComparer.Ordinal);

    /// <summary>The process-wide registry the activities use.</summary>
    public static ThrottleRegistry Shared { get; } = new();

    /// <summary>The throttle of <paramref name="migrationId"/> with <paramref name="settings"/> applied.</summary>
    public MigrationThrottle For(string migrationId, ThrottleServers servers, ThrottleSettings settings)
    {
        ArgumentException.ThrowIfNullOrEmpty(migrationId);
        var now = clock.GetUtcNow();
        foreach (var stale in throttles.Where(p => now - p.Value.UsedAt > Forget).Select(p => p.Key).ToList())
        {
            throttles.TryRemove(stale, out _);
        }

        var throttle = throttles.AddOrUpdate(migrationId,
            _ => (new MigrationThrottle(servers, clock), now),
            (_, entry) => (entry.Throttle, now)).Throttle;
        throttle.Apply(settings);
        return throttle;
    }
}
