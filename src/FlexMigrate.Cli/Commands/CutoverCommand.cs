using FlexMigrate.Cli.Migration;
using FlexMigrate.Orchestration.Contracts;

namespace FlexMigrate.Cli.Commands;

/// <summary>`flexmigrate cutover`: asks a running `flexmigrate migrate --mode online` (another terminal) to cut over.</summary>
internal sealed class CutoverCommand : ICommand
{
    public string Name => "cutover";

    public string Summary => "Ask a running online migration to cut over.";

    public string Usage => $"""
        Usage: flexmigrate cutover <migration-id> [--stop-writes read-only|confirmed] [--timeout <s>] [--flag-file <path>]

        Creates the cutover flag file the running `flexmigrate migrate --mode online` watches (it prints the
        migration id and the path when it starts). That migration then stops writes on the source, drains the
        remaining changes, switches the target on and validates; if that cannot finish within the timeout it is
        undone and replication goes on, and you can run this command again.

          --stop-writes <mode>   read-only (default): the migration sets the source's read_only. confirmed: you
                                 have stopped the applications yourself.
          --timeout <s>          Limit for draining and switching the target (default 300).
          --flag-file <path>     The flag file, when the migration was started with --cutover-flag-file.

        The flag directory is {CutoverFlagFile.DefaultDirectory} (env {CutoverFlagFile.DirectoryVariable} moves it).
        Exit codes: 0 requested, 2 bad usage.
        """;

    public async Task<int> RunAsync(CommandArguments args, CommandConsole console, CancellationToken cancellationToken)
    {
        var flag = args.Option("--flag-file");
        var stopWrites = StopWritesOption.Parse(args.Option("--stop-writes"));
        var timeout = args.Int("--timeout", 300, 1, 86_400);
        args.EnsureAllUsed();
        if (args.Positionals is not [var id])
        {
            throw new UsageException("Name the migration: flexmigrate cutover <migration-id> (the running migrate printed it).");
        }

        var path = flag ?? CutoverFlagFile.PathFor(id);
        if (flag is null && !id.StartsWith("migration-", StringComparison.Ordinal))
        {
            throw new UsageException($"'{id}' is not a migration id of the form migration-YYYYMMDD-HHMMSS-xxxxxx.");
        }

        CutoverFlagFile.Write(path, new CutoverRequest(stopWrites, timeout, "flexmigrate cutover"));
        await console.Error.WriteLineAsync($"Cutover requested for {id} ({path}); the running migration picks it up within a second and prints the outcome.");
        return ExitCodes.Success;
    }
}
