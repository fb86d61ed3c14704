using Spectre.Console;

namespace FlexMigrate.Cli.Display;

/// <summary>
/// Spectre consoles over the CLI's writers. A terminal gets ANSI and colours as detected, and its width from the
/// terminal at every render; `NO_COLOR` (any non-empty value, https://no-color.org) turns colours off. A redirected
/// writer gets plain text with no wrapping (a file or pipe has no width; wrapping it at 80 only breaks lines apart).
/// </summary>
internal static class TerminalConsoles
{
    /// <summary>Width given to redirected output: wide enough that nothing is wrapped.</summary>
    private const int UnboundedWidth = 4096;

    public static IAnsiConsole For(TextWriter writer, bool isTerminal)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = isTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = isTerminal && !NoColor ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = isTerminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!isTerminal)
        {
            console.Profile.Width = UnboundedWidth;
        }

        return console;
    }

    /// <summary>True when NO_COLOR is set to a non-empty value.</summary>
    public static bool NoColor => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
}
