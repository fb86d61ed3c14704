using System.Globalization;
using FlexMigrate.Orchestration.Contracts;

namespace FlexMigrate.Cli.Display;

/// <summary>How the CLI writes sizes, durations, counts and phases for people (invariant culture, short units).</summary>
internal static class DisplayFormat
{
    public static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):F1} GiB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):F1} MiB"),
        >= 1L << 10 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:F1} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
    };

    public static string Duration(double seconds)
    {
        var t = TimeSpan.FromSeconds(Math.Max(0, seconds));
        return t.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours}h{t.Minutes:D2}m")
            : t.TotalMinutes >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{t.Minutes}m{t.Seconds:D2}s")
            : string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:F1}s");
    }

    /// <summary>A count with thousands separators: 1,234,567.</summary>
    public static string Count(double value) => string.Create(CultureInfo.InvariantCulture, $"{value:N0}");

    /// <summary>A count in at most 6 characters for narrow columns: 999, 12.3k, 4.56M, 1.2G.</summary>
    public static string Compact(double value) => Math.Abs(value) switch
    {
        >= 1e9 => string.Create(CultureInfo.InvariantCulture, $"{value / 1e9:0.##}G"),
        >= 1e6 => string.Create(CultureInfo.InvariantCulture, $"{value / 1e6:0.##}M"),
        >= 1e4 => string.Create(CultureInfo.InvariantCulture, $"{value / 1e3:0.#}k"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{value:0}"),
    };

    /// <summary>A phase as words: CopyingData -> "copying data".</summary>
    /// <summary>The live-control settings in force: "parallelism 4, max-rows-per-second=5000 max-source-load=Threads_running=25".</summary>
    public static string Settings(ControlSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var conditions = settings.Throttle.Describe();
        return string.Create(CultureInfo.InvariantCulture, $"parallelism {settings.Parallelism}") + (conditions.Length > 0 ? $", {conditions}" : "");
    }

    /// <summary>What the switch of a replicating migration is called: the cutover, or in reverse the rollback.</summary>
    public static string Switch(ReplicationStatus replication)
    {
        ArgumentNullException.ThrowIfNull(replication);
        return replication.Direction == ReplicationDirection.Reverse ? "rollback" : "cutover";
    }

    public static string Phase(MigrationPhase phase)
    {
        var name = phase.ToString();
        var words = new System.Text.StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && words.Length > 0)
            {
                words.Append(' ');
            }

            words.Append(char.ToLowerInvariant(c));
        }

        return words.ToString();
    }
}
