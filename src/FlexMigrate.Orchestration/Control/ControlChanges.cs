using System.Globalization;
using FlexMigrate.Core.Throttling;
using FlexMigrate.Orchestration.Contracts;

namespace FlexMigrate.Orchestration.Control;

/// <summary>
/// What a control command may change and how (docs/throttling.md): the one place that knows the setting names, their
/// ranges and what "none" means, used by the CLI, the HTTP API and the queue before raising the event and by the
/// orchestration when it applies it. Pure functions.
/// </summary>
public static class ControlChanges
{
    /// <summary>The external event a control command is raised as; its payload is a <see cref="ControlRequest"/>.</summary>
    public const string EventName = "control";

    public const string Pause = "pause";
    public const string Unpause = "unpause";
    public const string Set = "set";

    public const string Parallelism = "parallelism";
    public const string ChunkRows = "chunk-rows";
    public const string CriticalHibernateSeconds = "critical-hibernate-seconds";

    /// <summary>The settings `set` changes.</summary>
    public static IReadOnlyList<string> SettingNames { get; } =
    [
        Parallelism, ChunkRows, ThrottleConditions.MaxRowsPerSecond, ThrottleConditions.MaxSourceLoad, ThrottleConditions.MaxTargetLoad,
        ThrottleConditions.MaxReplicaLag, ThrottleConditions.CriticalSourceLoad, CriticalHibernateSeconds,
    ];

    /// <summary>Why <paramref name="request"/> cannot be applied to a migration, or null when it can.</summary>
    public static string? Validate(ControlRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            _ = Apply(new ControlSettings(1, 1, ThrottleSettings.None), request);
            return null;
        }
        catch (FormatException ex)
        {
            return ex.Message;
        }
    }

    /// <summary>The settings after <paramref name="request"/>.</summary>
    /// <exception cref="FormatException">The request is not a valid command; the message says what to send.</exception>
    public static ControlSettings Apply(ControlSettings current, ControlRequest request)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(request);
        return request.Action.ToLowerInvariant() switch
        {
            Pause => current with { Paused = true },
            Unpause => current with { Paused = false },
            Set => SetValue(current, request.Name ?? "", (request.Value ?? "").Trim()),
            var other => throw new FormatException($"'{other}' is not a control action: use pause, unpause or set <name>=<value>."),
        };
    }

    private static ControlSettings SetValue(ControlSettings current, string name, string value)
    {
        var throttle = current.Throttle;
        return name.ToLowerInvariant() switch
        {
            Parallelism => current with { Parallelism = (int)Number(name, value, 1, 64) },
            ChunkRows => current with { ChunkRows = Number(name, value, 1, 100_000_000) },
            ThrottleConditions.MaxRowsPerSecond => current with { Throttle = throttle with { MaxRowsPerSecond = None(value) ? null : Number(name, value, 1, long.MaxValue) } },
            ThrottleConditions.MaxSourceLoad => current with { Throttle = throttle with { MaxSourceLoad = Limits(value) } },
            ThrottleConditions.MaxTargetLoad => current with { Throttle = throttle with { MaxTargetLoad = Limits(value) } },
            ThrottleConditions.CriticalSourceLoad => current with { Throttle = throttle with { CriticalSourceLoad = Limits(value) } },
            ThrottleConditions.MaxReplicaLag => current with { Throttle = throttle with { MaxReplicaLagSeconds = None(value) ? null : Number(name, value, 0, 86_400) } },
            CriticalHibernateSeconds => current with { Throttle = throttle with { CriticalHibernateSeconds = (int)Number(name, value, 1, 86_400) } },
            _ => throw new FormatException($"'{name}' is not a setting control can change: use one of {string.Join(", ", SettingNames)}."),
        };
    }

    private static bool None(string value) => value is "" or "0" || value.Equals("none", StringComparison.OrdinalIgnoreCase);

    private static IReadOnlyList<LoadLimit>? Limits(string value) => None(value) ? null : LoadLimit.ParseList(value);

    private static long Number(string name, string value, long min, long max) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{name} must be a whole number from {min} to {max}, not '{value}'."));
}
