using System.Globalization;
using Spectre.Console;

namespace FlexMigrate.Cli.Display;

/// <summary>
/// Fits a qualified table name into a column of terminal cells. The database stays (it tells two copies of a table
/// apart) and so does the END of the table name, which is what usually distinguishes siblings (orders_2023_q3,
/// orders_2023_q4; audit_log_archive_0042): the middle is replaced by an ellipsis. Widths are terminal cells
/// (a CJK character takes two), never chars, so a line of names never wraps. When two names shown together would
/// shorten to the same text (orders_2023_q3_archive, orders_2023_q4_archive), the part where they differ is kept
/// instead, between two ellipses.
/// </summary>
internal static class TableNameShortener
{
    private const string Ellipsis = "…";

    /// <summary>The name in at most <paramref name="width"/> cells (at least 1).</summary>
    public static string Shorten(string qualifiedName, int width)
    {
        ArgumentNullException.ThrowIfNull(qualifiedName);
        width = Math.Max(1, width);
        if (qualifiedName.GetCellWidth() <= width)
        {
            return qualifiedName;
        }

        var dot = qualifiedName.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == qualifiedName.Length - 1)
        {
            return Middle(qualifiedName, width);
        }

        var database = qualifiedName[..dot];
        var table = qualifiedName[(dot + 1)..];
        // The database gets at most a third of the column (ellipsis at its end: its start is what people type);
        // the table name the rest, never fewer than 4 cells when the column allows it.
        var databaseBudget = Math.Min(database.GetCellWidth(), Math.Max(1, (width - 1) / 3));
        var shortDatabase = Head(database, databaseBudget);
        var tableBudget = width - shortDatabase.GetCellWidth() - 1;
        if (tableBudget < 4)
        {
            return Middle(qualifiedName, width);
        }

        return shortDatabase + "." + Middle(table, tableBudget);
    }

    /// <summary>The name in at most <paramref name="width"/> cells, distinct from how <paramref name="siblings"/>
    /// (the other names on screen) are shortened whenever the names themselves differ there.</summary>
    public static string Shorten(string qualifiedName, int width, IReadOnlyCollection<string> siblings)
    {
        ArgumentNullException.ThrowIfNull(siblings);
        var plain = Shorten(qualifiedName, width);
        var clashing = siblings.Where(s => s != qualifiedName && Shorten(s, width) == plain).ToList();
        if (clashing.Count == 0)
        {
            return plain;
        }

        // Keep the database as the plain form does; in the table name, a window around the first character where
        // it differs from every clashing name of the same database.
        var dot = qualifiedName.IndexOf('.', StringComparison.Ordinal);
        var sameDatabase = clashing.Where(s => dot > 0 && s.StartsWith(qualifiedName[..(dot + 1)], StringComparison.Ordinal)).ToList();
        if (sameDatabase.Count == 0)
        {
            return plain;
        }

        var database = plain[..(plain.IndexOf('.', StringComparison.Ordinal) + 1)];
        var table = qualifiedName[(dot + 1)..];
        var differsAt = sameDatabase.Max(s => CommonPrefixLength(table, s[(dot + 1)..]));
        return AroundDifference(table, width - database.GetCellWidth(), differsAt) is { } shortTable ? database + shortTable : plain;
    }

    /// <summary>head…window…tail with the window centred on <paramref name="differsAt"/>; null when it cannot help.</summary>
    private static string? AroundDifference(string name, int width, int differsAt)
    {
        var elements = Elements(name);
        // Index in text elements of the char index differsAt.
        var index = 0;
        for (var chars = 0; index < elements.Count && chars + elements[index].Length <= differsAt; index++)
        {
            chars += elements[index].Length;
        }

        const int HeadCells = 3;
        var tailCells = Math.Min(6, width / 4);
        var windowCells = width - HeadCells - tailCells - 2;
        if (windowCells < 3)
        {
            return null;
        }

        var start = Math.Max(HeadCells, index - (windowCells / 2));
        var head = TakeCells(elements, HeadCells);
        var window = TakeCells(elements.Skip(start).ToList(), windowCells + tailCells + 1);
        if (string.Concat(elements.Skip(start)) == window)
        {
            // The window reaches the end: no tail part needed.
            return head + Ellipsis + window;
        }

        window = TakeCells(elements.Skip(start).ToList(), windowCells);
        return head + Ellipsis + window + Ellipsis + Tail(name, tailCells);
    }

    private static int CommonPrefixLength(string a, string b)
    {
        var n = 0;
        while (n < a.Length && n < b.Length && a[n] == b[n])
        {
            n++;
        }

        return n;
    }

    /// <summary>Keeps a third of the budget from the start and two thirds from the end, joined by an ellipsis.</summary>
    private static string Middle(string text, int width)
    {
        if (text.GetCellWidth() <= width)
        {
            return text;
        }

        if (width <= 1)
        {
            return Ellipsis;
        }

        var budget = width - 1;
        var headCells = budget / 3;
        var tail = Tail(text, budget - headCells);
        var head = TakeCells(Elements(text), budget - tail.GetCellWidth());
        return head + Ellipsis + tail;
    }

    private static string Head(string text, int width) =>
        text.GetCellWidth() <= width ? text : TakeCells(Elements(text), Math.Max(0, width - 1)) + Ellipsis;

    private static string Tail(string text, int width)
    {
        var reversed = Elements(text);
        reversed.Reverse();
        var kept = TakeElements(reversed, width);
        kept.Reverse();
        return string.Concat(kept);
    }

    private static string TakeCells(List<string> elements, int width) => string.Concat(TakeElements(elements, width));

    /// <summary>The leading elements that fit in <paramref name="width"/> cells.</summary>
    private static List<string> TakeElements(List<string> elements, int width)
    {
        var kept = new List<string>();
        var used = 0;
        foreach (var e in elements)
        {
            var w = e.GetCellWidth();
            if (used + w > width)
            {
                break;
            }

            kept.Add(e);
            used += w;
        }

        return kept;
    }

    /// <summary>Text elements (grapheme clusters), so a cut never splits a surrogate pair or a combining mark.</summary>
    private static List<string> Elements(string text)
    {
        var list = new List<string>();
        var e = StringInfo.GetTextElementEnumerator(text);
        while (e.MoveNext())
        {
            list.Add(e.GetTextElement());
        }

        return list;
    }
}
