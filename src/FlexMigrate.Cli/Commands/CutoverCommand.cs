using FlexMigrate.Cli.Migration;
using FlexMigrate.Orchestration.Contracts;
using FlexMigrate.Orchestration.Online;

namespace FlexMigrate.Cli.Commands;

/// <summary>
/// `flexmigrate cutover`, `flexmigrate rollback` and `flexmigrate finish`: ask a running `flexmigrate migrate --mode
/// online` (another terminal) to cut over, or, while it replicates back after the cutover (--reverse-after-cutover),
/// to roll back to the old source or to finish with the target final. One command per event, the same options and
/// flag-file signalling.
/// </summary>
internal sealed class CutoverCommand(string eventName) : ICommand
{
    /// <summary>`flexmigrate cutover`.</summary>
    public CutoverCommand()
        : this(OnlineMigrationOrchestrator.CutoverEvent)
    {
    }

    public string Name => eventName;

    public string Summary => eventName switch
    {
        OnlineMigrationOrchestrator.RollbackEvent => "Ask a migration that replicates back after its cutover to roll back to the old source.",
        OnlineMigrationOrchestrator.FinishEvent => "Ask a migration that replicates back after its cutover to finish (the target stays final).",
        _ => "Ask a running online migration to cut over.",
    };

    private string What => eventName switch
    {
        OnlineMigrationOrchestrator.RollbackEvent => """
            While a migration started with --reverse-after-cutover replicates the target back to the old source, this
            makes the old source the primary again: writes stop on the target, the remaining changes drain into the
            old source, which gets its triggers, events and AUTO_INCREMENT counters back and its writes; the downtime is
            reported. If that cannot finish within the timeout it is undone (the target takes writes again, reverse
            replication goes on) and you can run this command again.
            """,
        OnlineMigrationOrchestrator.FinishEvent => """
            While a migration started with --reverse-after-cutover replicates the target back to the old source, this
            ends reverse replication: the target stays the primary, the old source gets its triggers and events back
            (it stays read-only), the reverse checkpoint is dropped from it and the migration completes.
            """,
        _ => """
            That migration then stops writes on the source, drains the remaining changes, switches the target on and
            validates; if that cannot finish within the timeout it is undone and replication goes on, and you can run
            this command again.
            """,
    };

    public string Usage => $"""
        Usage: flexmigrate {eventName} <migration-id> [--stop-writes read-only|confirmed] [--timeout <s>] [--flag-file <path>]

        Creates the {eventName} flag file the running `flexmigrate migrate --mode online` watches (it prints the
        migration id and the path when it starts).
        {What}
          --stop-writes <mode>   read-only (default): the migration sets read_only on the server that stops taking
                                 writes. confirmed: you have stopped the applications yourself.
          --timeout <s>          Limit for draining and switching (default 300).
          --flag-file <path>     The cutover flag file, when the migration was started with --cutover-flag-file
                                 (rollback and finish use the same path with their name as extension).

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
            throw new UsageException($"Name the migration: flexmigrate {eventName} <migration-id> (the running migrate printed it).");
        }

        if (flag is null && !id.StartsWith("migration-", StringComparison.Ordinal))
        {
            throw new UsageException($"'{id}' is not a migration id of the form migration-YYYYMMDD-HHMMSS-xxxxxx.");
        }

        var path = CutoverFlagFile.Sibling(flag ?? CutoverFlagFile.PathFor(id), eventName);
        CutoverFlagFile.Write(path, new CutoverRequest(stopWrites, timeout, $"flexmigrate {eventName}"));
        await console.Error.WriteLineAsync($"{char.ToUpperInvariant(eventName[0])}{eventName[1..]} requested for {id} ({path}); the running migration picks it up within a second and prints the outcome.");
        return ExitCodes.Success;
    }
}
