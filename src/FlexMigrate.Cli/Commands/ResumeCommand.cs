using FlexMigrate.Cli.Hosting;
using FlexMigrate.Cli.Migration;

namespace FlexMigrate.Cli.Commands;

/// <summary>
/// `flexmigrate resume`: continues a migration whose process stopped (killed, rebooted, lost session) from where it
/// stopped. With <c>--state-store</c> the same durable instance continues from its history in Azure Storage.
/// </summary>
internal sealed class ResumeCommand : ICommand
{
    public string Name => "resume";

    public string Summary => "Continue a migration whose process stopped, from where it stopped.";

    public string Usage => $"""
        Usage: flexmigrate resume [<migration-id>] --source <conn> --target <conn> [options]

        Continues the migration that `flexmigrate migrate` started (it prints the id on stderr as it starts).
        Connections as for migrate (flags or FLEXMIGRATE_SOURCE / FLEXMIGRATE_TARGET).

        {StateStoreOption.Help}
          --report <file.json>   Write the report as JSON.
          --json                 Print the report as JSON on stdout instead of the summary.

        Exit codes as for migrate: 0 success, 1 failed, 2 bad usage or nothing to resume, 3 precheck blocked,
        130 cancelled.
        """;

    public async Task<int> RunAsync(CommandArguments args, CommandConsole console, CancellationToken cancellationToken)
    {
        var source = ConnectionOptions.Source(args);
        var target = ConnectionOptions.Target(args);
        var stateStore = StateStoreOption.Read(args);
        var reportPath = args.Option("--report");
        var json = args.Flag("--json");
        args.EnsureAllUsed();
        if (args.Positionals is not [var id])
        {
            throw new UsageException("Name the migration: flexmigrate resume <migration-id> (migrate printed it as it started).");
        }

        if (stateStore is null)
        {
            throw new UsageException("Resuming without --state-store needs the target's progress ledger (issue 14, stage 2).");
        }

        var store = StateStore.ForMigration(stateStore, id);
        await console.Error.WriteLineAsync($"Resuming {id} from its durable history ({store.Describe()}).");
        var renderer = new ProgressRenderer(console.Error, console.IsInteractive);
        var run = await MigrationRunner.ContinueAsync(source, target, id, store, s => renderer.Render(s, DateTime.UtcNow), cancellationToken);
        renderer.Finish();
        if (run is null)
        {
            throw new UsageException($"The state store has no migration {id} (task hub {store.TaskHub}); check the id and the --state-store account.");
        }

        return await RunOutput.WriteAsync(Name, run, reportPath, json, console, cancellationToken);
    }
}
