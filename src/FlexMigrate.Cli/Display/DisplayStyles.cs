using Spectre.Console;

namespace FlexMigrate.Cli.Display;

/// <summary>The few styles of the CLI's display. Colours are dropped by the console under NO_COLOR or without a
/// colour terminal; the text alone must carry the meaning.</summary>
internal static class DisplayStyles
{
    public static Style Heading { get; } = new(decoration: Decoration.Bold);

    public static Style Dim { get; } = new(foreground: Color.Grey);

    public static Style Good { get; } = new(foreground: Color.Green);

    public static Style Warn { get; } = new(foreground: Color.Yellow);

    public static Style Bad { get; } = new(foreground: Color.Red);
}
