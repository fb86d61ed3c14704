using System.Globalization;
using FlexMigrate.Orchestration.Contracts;
using Spectre.Console;

namespace FlexMigrate.Cli.Display;

/// <summary>
/// The live progress of a migration as screen lines for a given width: a header (phase, tables, rows, rate, ETA),
/// the overall bar while copying, one line per table in progress, and for online migrations the replication lines
/// (lag, rate, positions, cutover). Every line is built to fit the width, parts that do not fit are left out in a
/// fixed order (least useful first) and long names are shortened, so the terminal never wraps a line and the live
/// redraw always moves the cursor by the lines it drew.
/// </summary>
internal static class ProgressLayout
{
    private const int Indent = 2;

    /// <summary>Table lines shown at most, whatever the terminal height (the status carries 20 at most).</summary>
    public const int MaxTableLines = 12;

    public static IReadOnlyList<StyledLine> Lines(MigrationStatus status, int width, int height, bool unicode)
    {
        ArgumentNullException.ThrowIfNull(status);
        width = Math.Max(20, width);
        var lines = new List<StyledLine> { Header(status, width) };
        if (status.Throttle is { Noteworthy: true } throttle)
        {
            lines.Add(ThrottleLine(throttle, width));
        }

        if (status.Replication is { } replication)
        {
            lines.AddRange(ReplicationLines(status.Phase, replication, width));
            return lines;
        }

        if (status.Phase is MigrationPhase.CopyingData or MigrationPhase.AddingIndexes && status.RowsEstimated > 0)
        {
            lines.Add(OverallBar(status, width, unicode));
        }

        // Leave room for the header, the bar, the "more" line and the prompt below the block.
        var room = Math.Clamp(height - lines.Count - 3, 1, MaxTableLines);
        var tables = status.TablesInProgress;
        var shown = tables.Count <= room ? tables.Count : room - 1;
        if (shown > 0)
        {
            var columns = TableColumns.For(tables.Take(shown).ToList(), width);
            lines.AddRange(tables.Take(shown).Select(t => columns.Line(t, unicode)));
        }

        if (shown < tables.Count)
        {
            var more = tables.Count - shown;
            lines.Add(new StyledLine().Add(new string(' ', Indent)).AddFitted(
                string.Create(CultureInfo.InvariantCulture, $"… and {more} more table{(more == 1 ? "" : "s")} in progress"), width, DisplayStyles.Dim));
        }

        return lines;
    }

    private static StyledLine Header(MigrationStatus s, int width)
    {
        var line = new StyledLine().AddFitted(Capitalized(DisplayFormat.Phase(s.Phase)), width, DisplayStyles.Heading);
        var parts = new List<string>();
        if (s.Replication is null && s.TablesTotal > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"tables {s.TablesCopied}/{s.TablesTotal}"));
            var percent = s.RowsEstimated > 0 ? $" ({Percent((double)s.RowsCopied / s.RowsEstimated)})" : "";
            parts.Add($"rows {DisplayFormat.Count(s.RowsCopied)}/{DisplayFormat.Count(s.RowsEstimated)}{percent}");
            parts.Add($"{DisplayFormat.Compact(s.RowsPerSecond)} rows/s");
            if (s.EtaSeconds is { } eta)
            {
                parts.Add($"ETA {DisplayFormat.Duration(eta)}");
            }

            parts.Add(DisplayFormat.Bytes(s.BytesCopied));
        }
        else if (s.Replication is not null)
        {
            parts.Add($"{DisplayFormat.Count(s.RowsCopied)} rows copied in {s.TablesTotal} tables");
        }

        if (s.PrecheckFindings.Count > 0)
        {
            parts.Add($"{s.PrecheckFindings.Count} precheck finding{(s.PrecheckFindings.Count == 1 ? "" : "s")}");
        }

        // Parts in order of use; one that does not fit ends the line (a later, shorter one would read out of order).
        foreach (var part in parts)
        {
            if (line.Width + 2 + part.GetCellWidth() > width)
            {
                break;
            }

            line.Add("  ").Add(part);
        }

        return line;
    }

    /// <summary>"paused" / "throttled: max-source-load: Threads_running 40 > 25" / "not throttled", then the settings in force.</summary>
    private static StyledLine ThrottleLine(ThrottleStatus t, int width)
    {
        var (state, style) = t switch
        {
            { Paused: true } => ("paused", DisplayStyles.Warn),
            { HibernatingUntilUtc: { } until, Reason: { } reason } => (
                string.Create(CultureInfo.InvariantCulture, $"hibernating until {until:HH:mm:ss} UTC: {reason.Describe()}"), DisplayStyles.Bad),
            { Throttled: true, Reason: { } reason } => ($"throttled: {reason.Describe()}", DisplayStyles.Warn),
            _ => ("not throttled", DisplayStyles.Good),
        };
        var line = new StyledLine().Add(new string(' ', Indent)).AddFitted(state, width, style);
        var settings = $"  {DisplayFormat.Settings(t.Settings)}";
        return line.Width + settings.GetCellWidth() <= width ? line.Add(settings, DisplayStyles.Dim) : line;
    }

    private static StyledLine OverallBar(MigrationStatus s, int width, bool unicode)
    {
        var fraction = Math.Min(1.0, (double)s.RowsCopied / s.RowsEstimated);
        var percent = Percent(fraction).PadLeft(4);
        var line = new StyledLine().Add(new string(' ', Indent));
        Bar(line, fraction, Math.Max(1, width - Indent - 1 - percent.GetCellWidth()), unicode);
        return line.Add(" ").Add(percent);
    }

    private static IEnumerable<StyledLine> ReplicationLines(MigrationPhase phase, ReplicationStatus r, int width)
    {
        var lagStyle = r.LagSeconds < 5 ? DisplayStyles.Good : r.LagSeconds < 60 ? DisplayStyles.Warn : DisplayStyles.Bad;
        var first = new StyledLine().Add(new string(' ', Indent));
        var parts = new List<(string Text, Style Style)>
        {
            (string.Create(CultureInfo.InvariantCulture, $"lag {r.LagSeconds:F1} s"), lagStyle),
            ($"{DisplayFormat.Bytes(r.LagBytes)} behind", Style.Plain),
            ($"{DisplayFormat.Compact(r.RowsPerSecond)} rows/s", Style.Plain),
            (r.CaughtUp ? "caught up" : "catching up", r.CaughtUp ? DisplayStyles.Good : DisplayStyles.Warn),
            ($"{DisplayFormat.Count(r.TransactionsApplied)} transactions, {DisplayFormat.Count(r.RowsApplied)} rows applied", Style.Plain),
        };
        foreach (var (text, style) in parts)
        {
            var gap = first.Width > Indent ? 2 : 0;
            if (first.Width + gap + text.GetCellWidth() > width)
            {
                break;
            }

            first.Add(new string(' ', gap)).Add(text, style);
        }

        yield return first;
        yield return new StyledLine().Add(new string(' ', Indent)).AddFitted($"applied {r.AppliedPosition} of {r.SourcePosition}", width, DisplayStyles.Dim);
        if (r.CutoverStep is { } step)
        {
            yield return new StyledLine().Add(new string(' ', Indent)).AddFitted($"{DisplayFormat.Switch(r)}: {step}", width, DisplayStyles.Warn);
        }

        if (r.LastApplyError is { } applyError)
        {
            yield return new StyledLine().Add(new string(' ', Indent)).AddFitted($"retrying after: {applyError}", width, DisplayStyles.Bad);
        }

        if (r.LastCutoverError is { } cutoverError && phase is not (MigrationPhase.CuttingOver or MigrationPhase.RollingBack))
        {
            yield return new StyledLine().Add(new string(' ', Indent)).AddFitted($"last {DisplayFormat.Switch(r)} undone: {cutoverError}", width, DisplayStyles.Bad);
        }
    }

    /// <summary>A bar of <paramref name="cells"/> cells: heavy line for done, light for the rest (#/. without Unicode).</summary>
    public static void Bar(StyledLine line, double fraction, int cells, bool unicode)
    {
        var filled = (int)Math.Round(Math.Clamp(fraction, 0, 1) * cells);
        line.Add(new string(unicode ? '━' : '#', filled), DisplayStyles.Good).Add(new string(unicode ? '─' : '.', cells - filled), DisplayStyles.Dim);
    }

    /// <summary>A fraction as a whole percentage without a space ("42%"), at most 4 cells; 100% only when done.</summary>
    public static string Percent(double fraction)
    {
        var clamped = Math.Clamp(fraction, 0, 1);
        var whole = clamped < 1 ? Math.Min(99, (int)Math.Floor(clamped * 100)) : 100;
        return string.Create(CultureInfo.InvariantCulture, $"{whole}%");
    }

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
