using System.Globalization;
using System.Text;
using FlexMigrate.Orchestration.Contracts;

namespace FlexMigrate.Cli.Migration;

/// <summary>
/// Live progress of a migration from its custom status: on a terminal, a block of lines redrawn in place
/// (per-table bars, rows/s, ETA); when redirected, one plain line per phase change and every 10 seconds.
/// </summary>
internal sealed class ProgressRenderer(TextWriter output, bool interactive)
{
    private const int BarWidth = 24;
    private int _linesDrawn;
    private MigrationPhase? _lastPhase;
    private DateTime _lastPlainLine = DateTime.MinValue;

    public void Render(MigrationStatus status, DateTime nowUtc)
    {
        if (interactive)
        {
            Redraw(status);
            return;
        }

        if (status.Phase != _lastPhase || nowUtc - _lastPlainLine >= TimeSpan.FromSeconds(10))
        {
            output.WriteLine(Summary(status));
            _lastPhase = status.Phase;
            _lastPlainLine = nowUtc;
        }
    }

    /// <summary>Leaves the last drawing on screen and moves below it.</summary>
    public void Finish() => _linesDrawn = 0;

    public static string Summary(MigrationStatus s)
    {
        if (s.Replication is { } r)
        {
            return ReplicationSummary(s.Phase, r);
        }

        var eta = s.EtaSeconds is { } e ? $", ETA {FormatDuration(e)}" : string.Empty;
        return string.Create(CultureInfo.InvariantCulture,
            $"[{s.Phase}] tables {s.TablesCopied}/{s.TablesTotal}, rows {s.RowsCopied:N0}/{s.RowsEstimated:N0}, {FormatBytes(s.BytesCopied)}, {s.RowsPerSecond:N0} rows/s{eta}");
    }

    /// <summary>One line for a replicating migration: where replay is, lag, rate, and what a cutover is doing.</summary>
    public static string ReplicationSummary(MigrationPhase phase, ReplicationStatus r)
    {
        var state = r.CaughtUp ? "caught up" : $"catching up to {r.CatchUpPosition}";
        var line = string.Create(CultureInfo.InvariantCulture,
            $"[{phase}] applied {r.AppliedPosition} of {r.SourcePosition}, lag {r.LagSeconds:F1}s / {FormatBytes(r.LagBytes)}, {r.RowsPerSecond:N0} rows/s, {r.TransactionsApplied:N0} transactions, {r.RowsApplied:N0} rows ({state})");
        if (r.CutoverStep is { } step)
        {
            line += $"; cutover: {step}";
        }

        if (r.LastApplyError is { } applyError)
        {
            line += $"; retrying after: {applyError}";
        }

        if (r.LastCutoverError is { } cutoverError && phase != MigrationPhase.CuttingOver)
        {
            line += $"; last cutover undone: {cutoverError}";
        }

        return line;
    }

    private void Redraw(MigrationStatus status)
    {
        var text = new StringBuilder();
        if (_linesDrawn > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"\u001b[{_linesDrawn}F");
        }

        var lines = new List<string> { Summary(status) };
        lines.AddRange(status.TablesInProgress.Select(TableLine));
        foreach (var line in lines)
        {
            text.Append("\u001b[2K").Append(line).Append('\n');
        }

        // Clear lines left over from a taller previous drawing.
        for (var i = lines.Count; i < _linesDrawn; i++)
        {
            text.Append("\u001b[2K\n");
        }

        _linesDrawn = Math.Max(lines.Count, _linesDrawn);
        output.Write(text.ToString());
        output.Flush();
    }

    private static string TableLine(TableProgress t)
    {
        var fraction = t.RowsEstimated > 0 ? Math.Min(1.0, (double)t.RowsCopied / t.RowsEstimated) : t.ChunksTotal > 0 ? (double)t.ChunksDone / t.ChunksTotal : 0;
        var filled = (int)Math.Round(fraction * BarWidth);
        var state = t.ChunksDone == t.ChunksTotal ? " indexing" : string.Empty;
        return string.Create(CultureInfo.InvariantCulture,
            $"  {t.Table,-40} [{new string('#', filled)}{new string('.', BarWidth - filled)}] {fraction,4:P0} {t.RowsCopied:N0} rows, chunk {t.ChunksDone}/{t.ChunksTotal}{state}");
    }

    public static string FormatBytes(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):F1} GiB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):F1} MiB"),
        >= 1L << 10 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:F1} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
    };

    public static string FormatDuration(double seconds)
    {
        var t = TimeSpan.FromSeconds(seconds);
        return t.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours}h{t.Minutes:D2}m")
            : t.TotalMinutes >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{t.Minutes}m{t.Seconds:D2}s")
            : string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:F1}s");
    }
}
