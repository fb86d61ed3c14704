using FlexMigrate.Orchestration.Contracts;

namespace FlexMigrate.Cli.Commands;

/// <summary>The `--stop-writes read-only|confirmed` value shared by `migrate --mode online` and `cutover`.</summary>
internal static class StopWritesOption
{
    /// <summary>read-only when absent.</summary>
    /// <exception cref="UsageException">Neither read-only nor confirmed.</exception>
    public static StopWritesMode Parse(string? text) => (text ?? "read-only").ToLowerInvariant() switch
    {
        "read-only" => StopWritesMode.ReadOnly,
        "confirmed" => StopWritesMode.Confirmed,
        var other => throw new UsageException($"--stop-writes {other} is not a mode; use read-only or confirmed."),
    };
}
