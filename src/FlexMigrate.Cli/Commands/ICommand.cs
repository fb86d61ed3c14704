namespace FlexMigrate.Cli.Commands;

/// <summary>One `flexmigrate &lt;name&gt;` sub-command. Registered in <see cref="CommandCatalog"/>.</summary>
internal interface ICommand
{
    /// <summary>The word after `flexmigrate`.</summary>
    string Name { get; }

    /// <summary>One line for the command list.</summary>
    string Summary { get; }

    /// <summary>Full usage text printed by `--help`.</summary>
    string Usage { get; }

    /// <summary>Runs the command; returns the process exit code (see <see cref="ExitCodes"/>).</summary>
    Task<int> RunAsync(CommandArguments args, CommandConsole console, CancellationToken cancellationToken);
}
