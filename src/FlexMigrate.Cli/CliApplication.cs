using System.Reflection;
using FlexMigrate.Cli.Commands;

namespace FlexMigrate.Cli;

/// <summary>Dispatches `flexmigrate &lt;command&gt; ...` to its <see cref="ICommand"/> and maps failures to exit codes.</summary>
internal static class CliApplication
{
    public static async Task<int> RunAsync(string[] args, CommandConsole console)
    {
        if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
        {
            await PrintOverviewAsync(console.Out);
            return args.Length == 0 ? ExitCodes.Usage : ExitCodes.Success;
        }

        if (args[0] is "--version" or "version")
        {
            await console.Out.WriteLineAsync($"flexmigrate {Version}");
            return ExitCodes.Success;
        }

        if (args[0] == "--info")
        {
            await PrintInfoAsync(console);
            return ExitCodes.Success;
        }

        var command = CommandCatalog.All.FirstOrDefault(c => c.Name == args[0]);
        if (command is null)
        {
            await console.Error.WriteLineAsync($"flexmigrate: unknown command '{args[0]}'. Run 'flexmigrate --help' for the list.");
            return ExitCodes.Usage;
        }

        var arguments = new CommandArguments(args.Skip(1));
        if (arguments.HelpRequested)
        {
            await console.Out.WriteLineAsync(command.Usage);
            return ExitCodes.Success;
        }

        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            return await command.RunAsync(arguments, console, cancel.Token);
        }
        catch (UsageException ex)
        {
            await console.Error.WriteLineAsync($"flexmigrate {command.Name}: {ex.Message}");
            return ExitCodes.Usage;
        }
        catch (FlexMigrate.Core.UserActionRequiredException ex)
        {
            // Messages name the server and object and say what to do; a stack trace would add nothing.
            await console.Error.WriteLineAsync($"flexmigrate {command.Name}: {ex.Message}");
            return ExitCodes.Failed;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            await console.Error.WriteLineAsync($"flexmigrate {command.Name}: cancelled.");
            return ExitCodes.Cancelled;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    public static string Version { get; } =
        typeof(CliApplication).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";

    /// <summary>
    /// What a bug report needs: versions, where it runs from, the embedded engine's concurrency (fixed, see
    /// <see cref="Hosting.EngineConcurrency"/>, whatever the processor count) and the terminal.
    /// </summary>
    private static async Task PrintInfoAsync(CommandConsole console)
    {
        var output = console.Out;
        await output.WriteLineAsync($"flexmigrate {Version}");
        await output.WriteLineAsync($"  runtime:          {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription} on {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
        await output.WriteLineAsync($"  executable:       {Environment.ProcessPath}");
        await output.WriteLineAsync($"  assembly:         {typeof(CliApplication).Assembly.Location}");
        await output.WriteLineAsync($"  processor count:  {Environment.ProcessorCount}");
        await output.WriteLineAsync($"  engine:           {Hosting.EngineConcurrency.ActivityWorkItems} activities, {Hosting.EngineConcurrency.OrchestrationWorkItems} orchestrations at once");
        var terminal = console.IsInteractive ? $"{Console.WindowWidth}x{Console.WindowHeight}" : "none (stderr redirected)";
        await output.WriteLineAsync($"  terminal:         {terminal}, colour {(Display.TerminalConsoles.NoColor ? "off (NO_COLOR)" : "as detected")}");
    }

    private static async Task PrintOverviewAsync(TextWriter output)
    {
        await output.WriteLineAsync("flexmigrate: move MySQL/MariaDB databases to Azure Database for MySQL Flexible Server.");
        await output.WriteLineAsync();
        await output.WriteLineAsync("Commands:");
        foreach (var c in CommandCatalog.All)
        {
            await output.WriteLineAsync($"  {c.Name,-10} {c.Summary}");
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync("Run 'flexmigrate <command> --help' for a command's options. 'flexmigrate --version' prints the version,");
        await output.WriteLineAsync("'flexmigrate --info' the runtime, the processor count, the engine's concurrency and the terminal it sees.");
        await output.WriteLineAsync("Exit codes: 0 success, 1 failed (validate: differences), 2 bad usage or input, 3 precheck blocked, 130 cancelled.");
    }
}
