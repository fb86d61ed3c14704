using System.Globalization;

namespace FlexMigrate.Core.Throttling;

/// <summary>Why a migration holds back now: the condition, what it measured and the limit it crossed.</summary>
/// <param name="Condition">The option that throttles (<see cref="ThrottleConditions"/>).</param>
/// <param name="Subject">What was measured: a status variable, a replica's connection name.</param>
/// <param name="Value">The measured value; -1 when it could not be measured (a replica whose replication is stopped).</param>
/// <param name="Limit">The limit it crossed.</param>
public sealed record ThrottleReason(string Condition, string Subject, double Value, double Limit)
{
    /// <summary>One line for the CLI, the status and the log: "max-source-load: Threads_running 40 > 25".</summary>
    public string Describe() => Value < 0
        ? $"{Condition}: {Subject} not measurable (limit {Format(Limit)})"
        : $"{Condition}: {Subject} {Format(Value)} > {Format(Limit)}";

    private static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}

/// <summary>The names of the throttle conditions, as the options and the status spell them.</summary>
public static class ThrottleConditions
{
    public const string MaxRowsPerSecond = "max-rows-per-second";
    public const string MaxSourceLoad = "max-source-load";
    public const string MaxTargetLoad = "max-target-load";
    public const string MaxReplicaLag = "max-replica-lag";
    public const string CriticalSourceLoad = "critical-source-load";
}
