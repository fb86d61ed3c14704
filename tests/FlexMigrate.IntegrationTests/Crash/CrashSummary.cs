using System.Globalization;

namespace FlexMigrate.IntegrationTests.Crash;

/// <summary>
/// One line per kill of the crash suite (phase, route, chunks in flight, chunks copied again, resume seconds),
/// appended to the file FLEXMIGRATE_CRASH_SUMMARY names (default: flexmigrate-crash-summary.tsv in the temp folder),
/// so a CI run leaves the figures the closing note asks for.
/// </summary>
internal static class CrashSummary
{
    private static readonly Lock Gate = new();

    public static string Path { get; } = Environment.GetEnvironmentVariable("FLEXMIGRATE_CRASH_SUMMARY")
        ?? System.IO.Path.Combine(System.IO.Path.GetTempPath(), "flexmigrate-crash-summary.tsv");

    public static void Record(string phase, string route, int inFlight, int? copiedAgain, TimeSpan resume)
    {
        var line = string.Join('\t', DateTime.UtcNow.ToString("s", CultureInfo.InvariantCulture), phase, route,
            inFlight.ToString(CultureInfo.InvariantCulture), copiedAgain?.ToString(CultureInfo.InvariantCulture) ?? "-",
            resume.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture));
        lock (Gate)
        {
            File.AppendAllText(Path, line + "\n");
        }
    }
}
