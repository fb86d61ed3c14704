using System.Text.Json;
using System.Text.RegularExpressions;
using FlexMigrate.IntegrationTests.Infrastructure;
using Spectre.Console;

namespace FlexMigrate.IntegrationTests.Terminal;

/// <summary>
/// `flexmigrate migrate` in a real terminal (tmux) of 80 and 200 columns during a real migration of the MariaDB pair,
/// read as a person reads it: the screen is captured every ~150 ms and every capture must be clean: no line wider
/// than the terminal (a line the terminal wrapped comes back joined, so it is wider), one header, each table's line
/// once (a redraw that moved the cursor by the wrong count leaves torn copies behind), then the summary intact.
/// </summary>
[Collection(TerminalCollection.Name)]
public sealed partial class TerminalProgressTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(4);

    [Theory]
    [InlineData(80)]
    [InlineData(200)]
    public async Task Offline_progress_fits_the_terminal_and_the_summary_is_intact(int width)
    {
        var db = $"ux_term_{width}";
        await TerminalDataset.CreateAsync(db, rowsPerTable: 60_000);
        var command = CliExecutable.CommandLine("migrate", "--databases", db, "--parallelism", "2", "--chunk-rows", "6000");
        await using var tmux = await TmuxSession.StartAsync(width, 30, command, CliExecutable.UserEnvironment());

        var frames = await WatchAsync(tmux);
        await SaveAsync($"offline-{width}", frames);

        var last = frames[^1];
        Assert.Equal(0, TmuxSession.ExitCode(last));
        foreach (var frame in frames)
        {
            AssertClean(frame, width);
        }

        // The live block was seen with several tables at once, bars and all.
        Assert.Contains(frames, f => f.Any(l => l.StartsWith("Copying data", StringComparison.Ordinal)) && f.Count(IsTableLine) >= 2);
        // The summary: the outcome, one line per table (each name once), validation.
        Assert.Contains(last, l => SummaryHeadline().IsMatch(l));
        Assert.Contains(last, l => l.StartsWith("Validation: target equals source", StringComparison.Ordinal));
        var tableLines = last.Where(l => l.Contains(" chunks ", StringComparison.Ordinal) && l.Contains(" rows/s", StringComparison.Ordinal)).ToList();
        Assert.Equal(TerminalDataset.Tables.Length, tableLines.Count);
        Assert.Equal(tableLines.Count, tableLines.Select(l => l.Trim().Split(' ')[0]).Distinct(StringComparer.Ordinal).Count());
        if (width >= 200)
        {
            // Wide enough for every name in full.
            Assert.All(TerminalDataset.Tables, t => Assert.Contains(tableLines, l => l.TrimStart().StartsWith($"{db}.{t} ", StringComparison.Ordinal)));
        }
        else
        {
            // The two partitions that differ only in the middle stay distinguishable when shortened.
            Assert.Contains(frames, f => f.Any(l => IsTableLine(l) && l.Contains("q3", StringComparison.Ordinal)) && f.Any(l => IsTableLine(l) && l.Contains("q4", StringComparison.Ordinal)));
        }

        await AssertTargetRowsAsync(db);
    }

    [Fact]
    public async Task Colours_are_shown_on_a_terminal_and_none_with_NO_COLOR()
    {
        var db = "ux_term_colour";
        await TerminalDataset.CreateAsync(db, rowsPerTable: 20_000);
        List<string> escapes = [];
        foreach (var noColor in new[] { false, true })
        {
            var env = CliExecutable.UserEnvironment();
            if (noColor)
            {
                env["NO_COLOR"] = "1";
            }

            var command = CliExecutable.CommandLine("migrate", "--databases", db, "--drop-existing", "--parallelism", "2", "--chunk-rows", "2000", "--no-validate");
            await using var tmux = await TmuxSession.StartAsync(80, 30, command, env);
            var coloured = false;
            var deadline = DateTime.UtcNow + Limit;
            while (DateTime.UtcNow < deadline)
            {
                var screen = await tmux.CaptureAsync(escapes: true);
                coloured |= screen.Any(l => ColourSequence().IsMatch(l));
                if (TmuxSession.ExitCode(screen) is { } exit)
                {
                    Assert.Equal(0, exit);
                    break;
                }

                await Task.Delay(150);
            }

            escapes.Add($"NO_COLOR={(noColor ? "1" : "unset")}: {(coloured ? "colour" : "no colour")}");
        }

        Assert.Equal(["NO_COLOR=unset: colour", "NO_COLOR=1: no colour"], escapes);
    }

    [Fact]
    public async Task Online_lag_line_fits_and_pressing_c_cuts_over_while_json_goes_to_stdout()
    {
        var db = "ux_term_online";
        await TerminalDataset.CreateAsync(db, rowsPerTable: 20_000);
        var json = Path.Combine(Path.GetTempPath(), $"flexmigrate-term-{Guid.NewGuid():N}.json");
        var command = CliExecutable.CommandLine("migrate", "--mode", "online", "--databases", db, "--parallelism", "2", "--chunk-rows", "5000", "--stop-writes", "confirmed", "--json")
            + " > " + CliExecutable.Quote(json);
        using var stopWorkload = new CancellationTokenSource();
        var workload = SmallWorkload.RunAsync(db, TerminalDataset.Tables[0], stopWorkload.Token);
        try
        {
            await using var tmux = await TmuxSession.StartAsync(80, 30, command, CliExecutable.UserEnvironment(("NO_COLOR", "1")));
            var frames = new List<IReadOnlyList<string>>();
            var deadline = DateTime.UtcNow + Limit;
            var pressed = false;
            while (DateTime.UtcNow < deadline)
            {
                var screen = await tmux.CaptureAsync();
                frames.Add(screen);
                if (TmuxSession.ExitCode(screen) is not null)
                {
                    break;
                }

                if (!pressed && screen.Any(l => l.StartsWith("Replicating", StringComparison.Ordinal)) && screen.Any(l => l.Contains("caught up", StringComparison.Ordinal) && !l.Contains("catching", StringComparison.Ordinal)))
                {
                    stopWorkload.Cancel();
                    await workload;
                    await tmux.SendKeysAsync("c");
                    pressed = true;
                }

                await Task.Delay(150);
            }

            await SaveAsync("online-80-no-color", frames);
            Assert.True(pressed, "The migration never showed a caught-up replication:\n" + string.Join('\n', frames[^1]));
            Assert.Equal(0, TmuxSession.ExitCode(frames[^1]));
            foreach (var frame in frames)
            {
                AssertClean(frame, 80);
            }

            Assert.Contains(frames, f => f.Any(l => LagLine().IsMatch(l)));
            // stdout held only the report: JSON that parses, the cutover requested by the key.
            using var report = JsonDocument.Parse(await File.ReadAllTextAsync(json));
            Assert.Equal("succeeded", report.RootElement.GetProperty("outcome").GetString());
            Assert.Equal("keyboard", report.RootElement.GetProperty("replication").GetProperty("requestedBy").GetString());
        }
        finally
        {
            stopWorkload.Cancel();
            await workload;
            File.Delete(json);
        }
    }

    /// <summary>Captures the screen until the command has ended.</summary>
    private static async Task<List<IReadOnlyList<string>>> WatchAsync(TmuxSession tmux)
    {
        var frames = new List<IReadOnlyList<string>>();
        var deadline = DateTime.UtcNow + Limit;
        while (DateTime.UtcNow < deadline)
        {
            var screen = await tmux.CaptureAsync();
            frames.Add(screen);
            if (TmuxSession.ExitCode(screen) is not null)
            {
                return frames;
            }

            await Task.Delay(150);
        }

        throw new TimeoutException("flexmigrate did not end in time; last screen:\n" + string.Join('\n', frames[^1]));
    }

    /// <summary>Keeps the distinct screens under TestResults/artifacts/terminal for a person to read.</summary>
    private static Task SaveAsync(string name, IEnumerable<IReadOnlyList<string>> frames)
    {
        var distinct = frames.Select(f => string.Join('\n', f).TrimEnd()).Distinct(StringComparer.Ordinal);
        return File.WriteAllTextAsync(TestArtifacts.PathFor("terminal", name + ".txt"),
            string.Join("\n\n==================== next capture ====================\n\n", distinct) + "\n");
    }

    /// <summary>What a clean screen is: nothing wrapped, one header, every table line once.</summary>
    private static void AssertClean(IReadOnlyList<string> frame, int width)
    {
        var text = string.Join('\n', frame);
        Assert.All(frame, l => Assert.True(l.TrimEnd().GetCellWidth() <= width, $"A line of {l.TrimEnd().GetCellWidth()} cells on a {width}-column terminal (wrapped):\n{text}"));
        Assert.True(frame.Count(l => Header().IsMatch(l)) <= 1, $"The progress header appears more than once (torn redraw):\n{text}");
        var tableLines = frame.Where(IsTableLine).Select(l => l.Trim().Split(' ')[0]).ToList();
        Assert.True(tableLines.Count == tableLines.Distinct(StringComparer.Ordinal).Count(), $"A table line appears twice (torn redraw):\n{text}");
    }

    private static bool IsTableLine(string line) =>
        line.StartsWith("  ", StringComparison.Ordinal) && line.Contains('%', StringComparison.Ordinal) && (line.Contains('━', StringComparison.Ordinal) || line.Contains('─', StringComparison.Ordinal))
        && !line.TrimStart().StartsWith('━') && !line.TrimStart().StartsWith('─');

    private static async Task AssertTargetRowsAsync(string db)
    {
        foreach (var table in TerminalDataset.Tables)
        {
            var sql = $"SELECT COUNT(*) FROM `{db}`.`{table}`";
            Assert.Equal(
                Convert.ToInt64(await ServerPair.ScalarAsync(ServerPair.SourceConnectionString, sql), System.Globalization.CultureInfo.InvariantCulture),
                Convert.ToInt64(await ServerPair.ScalarAsync(ServerPair.TargetConnectionString, sql), System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [GeneratedRegex(@"^(Precheck|Planning|Creating tables|Planning chunks|Copying data|Adding indexes|Creating metadata|Validating|Completed|Recording position|Catching up|Replicating|Cutting over)  ")]
    private static partial Regex Header();

    [GeneratedRegex(@"^Migration migration-\d{8}-\d{6}-[0-9a-f]{6}: Succeeded\. [\d,]+ rows")]
    private static partial Regex SummaryHeadline();

    [GeneratedRegex(@"^  lag \d+\.\d s  ")]
    private static partial Regex LagLine();

    /// <summary>SGR colour parameters: 30-37, 90-97 (foreground), 38;5/38;2 (256 / true colour).</summary>
    [GeneratedRegex(@"\x1b\[(?:[0-9;]*;)?(?:3[0-7]|9[0-7]|38;[25];[0-9;]+)m")]
    private static partial Regex ColourSequence();
}

/// <summary>Terminal and browser tests start real CLI processes: one at a time keeps them readable on 2 cores.</summary>
[CollectionDefinition(Name)]
public sealed class TerminalCollection
{
    public const string Name = "real CLI processes";
}
