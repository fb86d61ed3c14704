using Spectre.Console;
using Spectre.Console.Rendering;

namespace FlexMigrate.Cli.Display;

/// <summary>One screen line as styled spans, built to a known cell width so it never wraps.</summary>
internal sealed class StyledLine
{
    private readonly List<(string Text, Style Style)> _spans = [];

    public int Width { get; private set; }

    public StyledLine Add(string text, Style? style = null)
    {
        if (text.Length > 0)
        {
            _spans.Add((text, style ?? Style.Plain));
            Width += text.GetCellWidth();
        }

        return this;
    }

    /// <summary>Text left-aligned in exactly <paramref name="width"/> cells (cut with an ellipsis when longer).</summary>
    public StyledLine AddPadded(string text, int width, Style? style = null, bool alignRight = false)
    {
        var fitted = Fit(text, width);
        var pad = new string(' ', Math.Max(0, width - fitted.GetCellWidth()));
        return alignRight ? Add(pad).Add(fitted, style) : Add(fitted, style).Add(pad);
    }

    /// <summary>Adds as much of <paramref name="text"/> as fits in what is left of <paramref name="maxWidth"/>.</summary>
    public StyledLine AddFitted(string text, int maxWidth, Style? style = null) => Add(Fit(text, maxWidth - Width), style);

    /// <summary><paramref name="text"/> cut to <paramref name="width"/> cells, the cut marked by an ellipsis.</summary>
    public static string Fit(string text, int width)
    {
        if (width <= 0)
        {
            return string.Empty;
        }

        if (text.GetCellWidth() <= width)
        {
            return text;
        }

        var cut = new System.Text.StringBuilder();
        var used = 0;
        var e = System.Globalization.StringInfo.GetTextElementEnumerator(text);
        while (e.MoveNext())
        {
            var element = e.GetTextElement();
            var w = element.GetCellWidth();
            if (used + w > width - 1)
            {
                break;
            }

            cut.Append(element);
            used += w;
        }

        return cut.Append('…').ToString();
    }

    public IEnumerable<Segment> Segments()
    {
        foreach (var (text, style) in _spans)
        {
            yield return new Segment(text, style);
        }

        yield return Segment.LineBreak;
    }
}
