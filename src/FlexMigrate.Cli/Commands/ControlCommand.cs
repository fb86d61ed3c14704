using FlexMigrate.Cli.Migration;
using FlexMigrate.Orchestration.Contracts;
using FlexMigrate.Orchestration.Control;

namespace FlexMigrate.Cli.Commands;

/// <summary>`flexmigrate control`: pauses, unpauses or retunes a running `flexmigrate migrate` (another terminal).</summary>
internal sealed class ControlCommand : ICommand
{
    public string Name => "control";

    public string Summary => "Pause, unpause or change the settings of a running migration.";

    public string Usage => $"""
        Usage: flexmigrate control <migration-id> pause|unpause|set <name>=<value>

        Sends a command to the running `flexmigrate migrate` that printed <migration-id> (offline or online). It
        takes effect at its next unit of work (chunks and replay batches in flight finish) and the migration prints
        the time it took effect; its status and report list it (docs/throttling.md).

          pause                      No new chunk or replay batch starts until unpause.
          unpause                    Carry on.
          set <name>=<value>         Change a setting: {string.Join(", ", ControlChanges.SettingNames)}.
                                     none (or 0) removes a limit, e.g. set max-rows-per-second=none,
                                     set max-source-load=Threads_running=30.

        Uses the cutover flag directory {CutoverFlagFile.DefaultDirectory} (env {CutoverFlagFile.DirectoryVariable} moves it).
        Exit codes: 0 sent, 2 bad usage.
        """;

    public async Task<int> RunAsync(CommandArguments args, CommandConsole console, CancellationToken cancellationToken)
    {
        args.EnsureAllUsed();
        var command = args.Positionals switch
        {
            [_, var action] => new ControlRequest(action.ToLowerInvariant(), RequestedBy: "flexmigrate control"),
            [_, var action, var setting] when setting.IndexOf('=', StringComparison.Ordinal) is > 0 and var at =>
                new ControlRequest(action.ToLowerInvariant(), setting[..at], setting[(at + 1)..], "flexmigrate control"),
            _ => throw new UsageException("Usage: flexmigrate control <migration-id> pause|unpause|set <name>=<value>."),
        };
        var id = args.Positionals[0];
        if (!id.StartsWith("migration-", StringComparison.Ordinal) || id.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
        {
            throw new UsageException($"'{id}' is not a migration id of the form migration-YYYYMMDD-HHMMSS-xxxxxx (the running migrate printed it).");
        }

        if (ControlChanges.Validate(command) is { } problem)
        {
            throw new UsageException(problem);
        }

        var path = ControlFiles.Write(id, command);
        await console.Error.WriteLineAsync($"Sent '{command.Describe()}' to {id} ({path}); the running migration takes it within a second and prints when it took effect.");
        return ExitCodes.Success;
    }
}
