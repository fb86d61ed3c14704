using FlexMigrate.Cli.Display;
using FlexMigrate.Orchestration.Contracts;
using Spectre.Console;

namespace FlexMigrate.Tests.Cli;

/// <summary>The live block at every width: no line wider than the terminal, names told apart, parts in order.</summary>
public sealed class ProgressLayoutTests
{
    private static readonly string[] Names =
    [
        "shop.orders_archive_partition_2023_q3_with_a_really_long_suffix",
        "shop.orders_archive_partition_2023_q4_with_a_really_long_suffix",
        "employees.salaries",
        "日本語のデータベース.日本語のテーブル名前がとても長い場合",
        "a_database_name_that_is_itself_far_too_long_for_any_column.t",
        "crm.😀_emoji_table",
    ];

    [Theory]
    [InlineData(20)]
    [InlineData(40)]
    [InlineData(60)]
    [InlineData(80)]
    [InlineData(100)]
    [InlineData(132)]
    [InlineData(200)]
    [InlineData(250)]
    public void Every_line_fits_the_width_and_table_lines_are_distinct(int width)
    {
        var lines = Render(CopyStatus(), width, height: 30);

        Assert.All(lines, l => Assert.True(l.GetCellWidth() <= width, $"{l.GetCellWidth()} cells > {width}: '{l}'"));
        // Header, overall bar, one line per table.
        Assert.Equal(2 + Names.Length, lines.Count);
        Assert.StartsWith("Copying data", lines[0], StringComparison.Ordinal);
        var tableLines = lines.Skip(2).ToList();
        if (width >= 60)
        {
            // Names shortened to one text would make two tables look like one.
            var shown = tableLines.Select(l => l.Trim().Split(' ')[0]).ToList();
            Assert.Equal(shown.Count, shown.Distinct(StringComparer.Ordinal).Count());
        }
    }

    [Fact]
    public void At_80_columns_the_q3_and_q4_partitions_show_what_differs()
    {
        var lines = Render(CopyStatus(), 80, height: 30);

        Assert.Contains(lines, l => l.Contains("q3", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("q4", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.TrimStart().StartsWith("employees.salaries ", StringComparison.Ordinal));
    }

    [Fact]
    public void At_200_columns_numbers_are_written_in_full()
    {
        var lines = Render(CopyStatus(), 200, height: 30);

        Assert.Contains(lines, l => l.Contains("1,500,000/3,000,000", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("shop.orders_archive_partition_2023_q3_with_a_really_long_suffix ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_short_terminal_shows_as_many_tables_as_fit_and_says_how_many_more()
    {
        var lines = Render(CopyStatus(), 80, height: 8);

        // 8 rows: header, bar, 2 tables, the "more" line; 3 rows stay free for the prompt below.
        Assert.Equal(5, lines.Count);
        Assert.Equal("  … and 4 more tables in progress", lines[^1].TrimEnd());
    }

    [Fact]
    public void Replication_lines_show_lag_rate_and_the_undone_cutover_in_the_width()
    {
        var status = CopyStatus() with { Phase = MigrationPhase.Replicating, TablesInProgress = [] };
        status = status with
        {
            Replication = new ReplicationStatus("mysql-bin.000001:4", "mysql-bin.000001:900", "mysql-bin.000002:123456", "mysql-bin.000002:123999",
                2.5, 543, 1234, 100, 4567, true, 7, 1, "replay did not reach the source's final position within the cutover timeout; retry when the lag is lower", null, null),
        };

        var lines = Render(status, 80, height: 30);

        Assert.All(lines, l => Assert.True(l.GetCellWidth() <= 80, l));
        Assert.StartsWith("  lag 2.5 s  543 B behind  1234 rows/s  caught up", lines[1], StringComparison.Ordinal);
        Assert.Equal("  applied mysql-bin.000002:123456 of mysql-bin.000002:123999", lines[2].TrimEnd());
        Assert.StartsWith("  last cutover undone: replay did not reach", lines[3], StringComparison.Ordinal);
        Assert.EndsWith("…", lines[3].TrimEnd(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("shop.orders", 40, "shop.orders")]
    [InlineData("employees.salaries_history_partition_0042", 24, "employ….salar…ition_0042")]
    [InlineData("db.abcdefghijklmnopqrstuvwxyz", 12, "db.ab…uvwxyz")]
    public void Names_keep_the_database_and_the_end(string name, int width, string expected)
    {
        var shortened = TableNameShortener.Shorten(name, width);

        Assert.Equal(expected, shortened);
        Assert.True(shortened.GetCellWidth() <= width);
    }

    [Fact]
    public void Wide_characters_count_as_two_cells()
    {
        var shortened = TableNameShortener.Shorten("日本語.テーブルテーブルテーブル", 12);

        Assert.True(shortened.GetCellWidth() <= 12, shortened);
        Assert.StartsWith("日", shortened, StringComparison.Ordinal);
        Assert.EndsWith("ル", shortened, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(20)]
    [InlineData(80)]
    [InlineData(200)]
    public void A_throttled_or_paused_migration_shows_why_and_its_settings_under_the_header(int width)
    {
        var settings = new ControlSettings(2, 1000, new FlexMigrate.Core.Throttling.ThrottleSettings(MaxRowsPerSecond: 5000));
        var reason = new FlexMigrate.Core.Throttling.ThrottleReason("max-source-load", "Threads_running", 40, 25);
        var throttled = CopyStatus() with { Throttle = new ThrottleStatus(false, true, reason, null, new Dictionary<string, double>(), settings, []) };
        var paused = CopyStatus() with { Throttle = new ThrottleStatus(true, false, null, null, new Dictionary<string, double>(), settings, []) };

        var throttledLines = Render(throttled, width, height: 30);
        var pausedLines = Render(paused, width, height: 30);

        Assert.All(throttledLines.Concat(pausedLines), l => Assert.True(l.GetCellWidth() <= width, $"{l.GetCellWidth()} cells > {width}: '{l}'"));
        Assert.Equal(Render(CopyStatus(), width, height: 30).Count + 1, throttledLines.Count);
        if (width >= 80)
        {
            // The settings follow when the whole of them fits; the state always comes first.
            Assert.Equal(width >= 100 ? "  throttled: max-source-load: Threads_running 40 > 25  parallelism 2, max-rows-per-second=5000"
                : "  throttled: max-source-load: Threads_running 40 > 25", throttledLines[1].TrimEnd());
            Assert.Equal("  paused  parallelism 2, max-rows-per-second=5000", pausedLines[1].TrimEnd());
        }
    }

    private static MigrationStatus CopyStatus()
    {
        var tables = Names.Select((n, i) => new TableProgress(n, 1_500_000 / (i + 1), 3_000_000 / (i + 1), 1L << 28, i + 1, 15, false)
        {
            RowsPerSecond = 45_678.9 / (i + 1),
        }).ToList();
        return new MigrationStatus(MigrationPhase.CopyingData, DateTime.UtcNow, 12, 5, 9_000_000, 4_000_000, 1L << 31, 56_789, 95.5, tables, 0, []);
    }

    /// <summary>The block as a terminal of that size shows it (no colour, no escapes).</summary>
    internal static List<string> Render(MigrationStatus status, int width, int height)
    {
        using var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
        });
        console.Profile.Width = width;
        console.Profile.Height = height;
        console.Profile.Capabilities.Unicode = true;
        console.Write(new StatusRenderable(status));
        return writer.ToString().Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
    }
}
