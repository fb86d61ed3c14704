using System.Globalization;

namespace FlexMigrate.IntegrationTests.Crash;

/// <summary>
/// The crash suite's figures, for the issue's closing note. One line per kill (phase, route, chunks in flight, chunks
/// copied again as the ledger counts them, resume seconds) in the TSV file FLEXMIGRATE_CRASH_SUMMARY names (default:
/// flexmigrate-crash-summary.tsv in the temp folder), started afresh by each test run; beside it, rewritten after
/// every kill, a Markdown digest (same name, .md): kills per phase and route, chunks copied again per kill, the
/// slowest resume.
/// </summary>
internal static class CrashSummary
{
    private static readonly Lock Gate = new();
    private static bool _started;

    public static string Path { get; } = Environment.GetEnvironmentVariable("FLEXMIGRATE_CRASH_SUMMARY")
        ?? System.IO.Path.Combine(System.IO.Path.GetTempPath(), "flexmigrate-crash-summary.tsv");

    public static string DigestPath => System.IO.Path.ChangeExtension(Path, ".md");

    public static void Record(string phase, string route, int inFlight, int copiedAgain, TimeSpan resume)
    {
        var kill = new Kill(phase, route, inFlight, copiedAgain, resume.TotalSeconds);
        lock (Gate)
        {
            if (!_started)
            {
                File.WriteAllText(Path, "utc\tphase\troute\tin_flight\tcopied_again\tresume_seconds\n");
                _started = true;
            }

            File.AppendAllText(Path, string.Join('\t', DateTime.UtcNow.ToString("s", CultureInfo.InvariantCulture), phase, route,
                Text(inFlight), Text(copiedAgain), resume.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)) + "\n");
            File.WriteAllText(DigestPath, Digest(File.ReadAllLines(Path).Skip(1).Select(Kill.Parse).ToList()));
        }
    }

    private static string Digest(IReadOnlyList<Kill> kills)
    {
        var lines = new List<string>
        {
            $"# Crash suite: {kills.Count} kills, each followed by a resume",
            "",
            "| phase | kills (memory) | kills (state store) | chunks in flight | chunks copied again | slowest resume (s) |",
            "|---|---|---|---|---|---|",
        };
        lines.AddRange(kills.GroupBy(k => k.Phase).Select(g => string.Create(CultureInfo.InvariantCulture,
            $"| {g.Key} | {g.Count(k => k.Route == "memory")} | {g.Count(k => k.Route == "state-store")} | {string.Join(", ", g.Select(k => k.InFlight))} | {string.Join(", ", g.Select(k => k.CopiedAgain))} | {g.Max(k => k.ResumeSeconds):F1} |")));
        var slowest = kills.MaxBy(k => k.ResumeSeconds)!;
        lines.Add("");
        lines.Add(string.Create(CultureInfo.InvariantCulture,
            $"Slowest resume: {slowest.ResumeSeconds:F1} s ({slowest.Phase}, {slowest.Route}). Chunks copied again: {kills.Sum(k => k.CopiedAgain)} in all, at most {kills.Max(k => k.CopiedAgain)} per kill."));
        return string.Join('\n', lines) + "\n";
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed record Kill(string Phase, string Route, int InFlight, int CopiedAgain, double ResumeSeconds)
    {
        public static Kill Parse(string line)
        {
            var f = line.Split('\t');
            return new Kill(f[1], f[2], int.Parse(f[3], CultureInfo.InvariantCulture), int.Parse(f[4], CultureInfo.InvariantCulture),
                double.Parse(f[5], CultureInfo.InvariantCulture));
        }
    }
}
