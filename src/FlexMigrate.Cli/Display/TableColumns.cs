using System.Globalization;
using FlexMigrate.Orchestration.Contracts;
using Spectre.Console;

namespace FlexMigrate.Cli.Display;

/// <summary>
/// Column widths of the per-table lines for one frame: name, bar, percent, rows, rate, and ETA (or the step). On a
/// narrow terminal the columns are dropped in the order ETA, rate, rows, bar, never the name; on a wide one the
/// numbers are written in full and the name and bar take the rest (the name no wider than the longest name shown).
/// </summary>
internal sealed class TableColumns
{
    private const int Indent = 2;
    private const int PercentWidth = 4;
    private const int MinName = 12;
    private const int MinBar = 8;
    private const int MaxBar = 40;

    private readonly int _name;
    private readonly int _bar;
    private readonly int _rows;
    private readonly int _rate;
    private readonly int _tail;
    private readonly bool _fullNumbers;
    private readonly IReadOnlyCollection<string> _names;

    private TableColumns(IReadOnlyCollection<string> names, int name, int bar, int rows, int rate, int tail, bool fullNumbers)
    {
        _names = names;
        _name = name;
        _bar = bar;
        _rows = rows;
        _rate = rate;
        _tail = tail;
        _fullNumbers = fullNumbers;
    }

    public static TableColumns For(IReadOnlyList<TableProgress> tables, int width)
    {
        var names = tables.Select(t => t.Table).ToList();
        var longestName = tables.Count == 0 ? MinName : tables.Max(t => t.Table.GetCellWidth());
        var full = width >= 140;
        var rows = full ? tables.Select(t => RowsText(t, true).GetCellWidth()).DefaultIfEmpty(0).Max() : 13;
        var rate = full ? 14 : 8;
        var tail = full ? 22 : 10;

        // The full set first, then without the least useful column, until name and bar get their minimum.
        int[][] sets = [[rows, rate, tail], [rows, rate, 0], [rows, 0, 0], [0, 0, 0]];
        foreach (var set in sets)
        {
            // Indent, name, " " bar, " " percent, then " " before each further column.
            var free = width - Indent - (PercentWidth + 1) - set.Where(c => c > 0).Sum(c => c + 1) - 1;
            if (free - MinBar >= MinName)
            {
                var name = Math.Min(longestName, free - Math.Clamp(free / 3, MinBar, MaxBar));
                return new TableColumns(names, name, Math.Min(MaxBar, free - name), set[0], set[1], set[2], full);
            }
        }

        // Narrower than a name and a bar: the name and the percentage only.
        return new TableColumns(names, Math.Max(1, width - Indent - PercentWidth - 1), 0, 0, 0, 0, full);
    }

    public StyledLine Line(TableProgress t, bool unicode)
    {
        var fraction = t.RowsEstimated > 0 ? Math.Min(1.0, (double)t.RowsCopied / t.RowsEstimated)
            : t.ChunksTotal > 0 ? (double)t.ChunksDone / t.ChunksTotal : 0;
        var line = new StyledLine().Add(new string(' ', Indent)).AddPadded(TableNameShortener.Shorten(t.Table, _name, _names), _name);
        if (_bar > 0)
        {
            line.Add(" ");
            ProgressLayout.Bar(line, fraction, _bar, unicode);
        }

        line.Add(" ").AddPadded(ProgressLayout.Percent(fraction), PercentWidth, alignRight: true);
        if (_rows > 0)
        {
            line.Add(" ").AddPadded(RowsText(t, _fullNumbers), _rows, alignRight: true);
        }

        if (_rate > 0)
        {
            var rate = _fullNumbers ? $"{DisplayFormat.Compact(t.RowsPerSecond)} rows/s" : $"{DisplayFormat.Compact(t.RowsPerSecond)}/s";
            line.Add(" ").AddPadded(rate, _rate, DisplayStyles.Dim, alignRight: true);
        }

        if (_tail > 0)
        {
            line.Add(" ").AddPadded(Tail(t), _tail, t.ChunksDone == t.ChunksTotal ? DisplayStyles.Warn : DisplayStyles.Dim);
        }

        return line;
    }

    private static string RowsText(TableProgress t, bool full) => full
        ? $"{DisplayFormat.Count(t.RowsCopied)}/{DisplayFormat.Count(t.RowsEstimated)}"
        : $"{DisplayFormat.Compact(t.RowsCopied)}/{DisplayFormat.Compact(t.RowsEstimated)}";

    private string Tail(TableProgress t)
    {
        if (t.ChunksTotal > 0 && t.ChunksDone == t.ChunksTotal)
        {
            return "indexing";
        }

        var chunks = string.Create(CultureInfo.InvariantCulture, $"chunk {t.ChunksDone}/{t.ChunksTotal}");
        var eta = t.RowsPerSecond > 0 && t.RowsEstimated > t.RowsCopied
            ? $"ETA {DisplayFormat.Duration((t.RowsEstimated - t.RowsCopied) / t.RowsPerSecond)}"
            : null;
        return _fullNumbers ? (eta is null ? chunks : $"{eta}  {chunks}") : eta ?? chunks;
    }
}
