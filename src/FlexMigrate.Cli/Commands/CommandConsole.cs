namespace FlexMigrate.Cli.Commands;

/// <summary>Where a command writes: results to Out, progress and diagnostics to Error.</summary>
/// <param name="Out">Results (tables, JSON).</param>
/// <param name="Error">Progress, warnings, error messages.</param>
/// <param name="IsInteractive">True when stderr is a terminal: live progress may redraw lines.</param>
internal sealed record CommandConsole(TextWriter Out, TextWriter Error, bool IsInteractive)
{
    /// <summary>True when stdout is a terminal: summaries are laid out for its width.</summary>
    public bool IsOutputTerminal { get; init; }

    public static CommandConsole System() =>
        new(Console.Out, Console.Error, !Console.IsErrorRedirected) { IsOutputTerminal = !Console.IsOutputRedirected };
}
