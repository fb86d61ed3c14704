using System.Text.Json;
using FlexMigrate.Cli.Dashboard;
using FlexMigrate.Cli.Display;
using FlexMigrate.Cli.Hosting;
using FlexMigrate.Cli.Migration;
using FlexMigrate.Core.Ledger;
using FlexMigrate.Orchestration.Contracts;

namespace FlexMigrate.Cli.Commands;

/// <summary>
/// `flexmigrate resume`: continues a migration whose process stopped (killed, rebooted, lost session) or that
/// failed on a problem since fixed, from where it stopped. The target's progress ledger names the migration, its
/// request and what is done; with <c>--state-store</c> a live durable instance continues from its history instead.
/// </summary>
internal sealed class ResumeCommand : ICommand
{
    public string Name => "resume";

    public string Summary => "Continue a stopped or failed migration from where it stopped.";

    public string Usage => $"""
        Usage: flexmigrate resume [<migration-id>] --source <conn> --target <conn> [options]

        Continues a migration that `flexmigrate migrate` started (it prints the id on stderr as it starts). The
        target's ledger (database flexmigrate_state) holds the migration's databases, options, copy plan and what is
        done: finished chunks are not copied again, a chunk caught mid-way is redone, created objects are not created
        again, an online migration resumes replication from its checkpoint (one replicating back after its cutover
        goes on replicating back; a rollback the stopped process had begun is undone, the target writable again, and
        a finish is completed). A rolled-back migration goes forward again: the target's triggers and events are
        dropped and it replicates the old source from the rollback's position, without a copy, until the next cutover
        (exit 3 when the old source has purged that binlog file). Without an id: the one unfinished migration on the target, or the list when there
        are several.

          --source <conn>        Source connection (or env FLEXMIGRATE_SOURCE): the same server as recorded.
          --target <conn>        Target connection (or env FLEXMIGRATE_TARGET): the same server as recorded.
          --parallelism <n>      Chunk copies at once (default: as recorded).
          --no-validate          Skip the comparison at the end.
        {StateStoreOption.Help}
          --forget               With an id: remove that migration from the target's ledger (and its replication
                                 checkpoint) instead of resuming it, so resume no longer lists it. The data stays.
          --report <file.json>   Write the report as JSON.
          --json                 Print the report as JSON on stdout instead of the summary.
          --databases, --tables, --exclude-tables, --mode, --chunk-rows, --keep-definers, --keep-engines,
          --drop-existing        Not needed (the recorded ones are used); when given they must equal the recorded
                                 ones, or resume refuses and names the difference.
          Online: --cutover-when-lag-below, --stop-writes, --cutover-timeout, --cutover-flag-file as for migrate.
          --dashboard [host:]port  The live dashboard, as for migrate.

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
        var overrides = ResumeOverrides.Read(args);
        if (args.Positionals.Count > 1)
        {
            throw new UsageException("Name at most one migration: flexmigrate resume [<migration-id>].");
        }

        if (args.Flag("--forget"))
        {
            args.EnsureAllUsed();
            return await ForgetAsync(console, target, args.Positionals.FirstOrDefault(), cancellationToken);
        }

        var id = args.Positionals.FirstOrDefault();
        var recordedOnTarget = await TargetLedger.ListAsync(target, cancellationToken);
        if (id is not null && stateStore is not null && recordedOnTarget.All(e => e.MigrationId != id))
        {
            // Killed before its first step reached the target's ledger: only the state store knows it.
            return await ContinueUnrecordedAsync(args, console, source, target, id, stateStore, reportPath, json, cancellationToken);
        }

        // After a rollback (issue 16) the migration goes forward again from the rollback's position, without a copy.
        var rolledBack = id is null ? null : await RolledBackAsync(target, id, cancellationToken);
        if (rolledBack == false)
        {
            throw new UsageException($"Migration {id} was rolled back without recording the old source's position (an earlier version): going "
                + "forward again without a copy is not possible; start a new online migration with --drop-existing.");
        }

        var entry = rolledBack == true
            ? recordedOnTarget.First(e => e.MigrationId == id)
            : ResumeSelection.Choose(recordedOnTarget, id, ConnectionOptions.Describe(target));
        var recorded = JsonSerializer.Deserialize<MigrationRequest>(entry.RequestJson)
            ?? throw new UsageException($"Migration {entry.MigrationId} has an empty request in the target's ledger; start a new migration.");
        var request = overrides.ApplyTo(recorded, entry.MigrationId);
        var cutover = MigrateCommand.ReadCutoverOptions(args, request.Options.Mode);
        var dashboard = args.Option("--dashboard") is { } endpoint ? DashboardEndpoint.Parse(endpoint) : null;
        args.EnsureAllUsed();

        var display = ProgressDisplay.For(console);
        display.Notice(await DescribeAsync(entry, target, cancellationToken));
        var signals = MigrateCommand.Signals(cutover, display, console, request.Options.ApplyBatchSeconds);
        var attach = MigrateCommand.Dashboard(dashboard, display, cancellationToken);
        var run = await display.ShowAsync(async () =>
        {
            if (stateStore is not null)
            {
                // The same durable instance, when its history holds it alive: it replays and goes on by itself.
                var store = StateStore.ForMigration(stateStore, entry.MigrationId);
                if (await MigrationRunner.ContinueAsync(source, target, entry.MigrationId, store, display.Update, cancellationToken, signals,
                    () => ContinueRunAsync(target, entry.MigrationId, display), attach) is { } continued)
                {
                    return continued;
                }

                display.Notice($"No live instance of {entry.MigrationId} in {store.Describe()}: continuing from the target's ledger.");
            }

            return await MigrationRunner.RunAsync(source, target, request, display.Update, cancellationToken, signals, attach, stateStore,
                id => display.Notice($"Migration {id} resumed. If this process stops, continue with: flexmigrate resume {id}"),
                instanceId: $"{entry.MigrationId}-resume-{DateTime.UtcNow:yyyyMMddHHmmss}");
        });
        return await RunOutput.WriteAsync(Name, run, reportPath, json, console, display, cancellationToken);
    }

    /// <summary>`--forget &lt;id&gt;`: the migration leaves the target's ledger (resume no longer lists it); the data stays.</summary>
    private static async Task<int> ForgetAsync(CommandConsole console, string target, string? id, CancellationToken cancellationToken)
    {
        if (id is null)
        {
            throw new UsageException("Name the migration to forget: flexmigrate resume --forget <migration-id>.");
        }

        var entry = (await TargetLedger.ListAsync(target, cancellationToken)).FirstOrDefault(e => e.MigrationId == id)
            ?? throw new UsageException($"The target {ConnectionOptions.Describe(target)} has no migration {id} in its ledger.");
        await using var ledger = await TargetLedger.OpenAsync(target, id, cancellationToken);
        await ledger.ForgetAsync(cancellationToken);
        await console.Error.WriteLineAsync(
            $"Forgot migration {id} ({entry.Status.ToString().ToLowerInvariant()} in {entry.Phase}): its ledger rows and replication checkpoint are gone from the target; the migrated data stays.");
        return ExitCodes.Success;
    }

    private async Task<int> ContinueUnrecordedAsync(CommandArguments args, CommandConsole console, string source, string target, string id,
        string stateStore, string? reportPath, bool json, CancellationToken cancellationToken)
    {
        var cutover = MigrateCommand.ReadCutoverOptions(args, MigrationMode.Online);
        var dashboard = args.Option("--dashboard") is { } endpoint ? DashboardEndpoint.Parse(endpoint) : null;
        args.EnsureAllUsed();
        var store = StateStore.ForMigration(stateStore, id);
        var display = ProgressDisplay.For(console);
        display.Notice($"Resuming {id} from its durable history ({store.Describe()}); the target's ledger has no record of it yet.");
        var run = await display.ShowAsync(() => MigrationRunner.ContinueAsync(source, target, id, store, display.Update, cancellationToken,
            MigrateCommand.Signals(cutover, display, console, applyBatchSeconds: null), attach: MigrateCommand.Dashboard(dashboard, display, cancellationToken)))
            ?? throw new UsageException($"Neither the target's ledger nor the state store ({store.Describe()}) has a live migration {id}; check the id, --target and --state-store.");
        return await RunOutput.WriteAsync(Name, run, reportPath, json, console, display, cancellationToken);
    }

    /// <summary>"Resuming migration-... (offline, stopped in CopyingData): 31 of 48 chunks copied, 4 in flight will be redone."</summary>
    private static async Task<string> DescribeAsync(LedgerEntry entry, string target, CancellationToken cancellationToken)
    {
        await using var ledger = await TargetLedger.OpenAsync(target, entry.MigrationId, cancellationToken);
        var chunks = await ledger.CountChunksAsync(cancellationToken);
        var state = entry.Status == LedgerStatus.Running ? $"stopped in {entry.Phase}" : $"{entry.Status.ToString().ToLowerInvariant()} in {entry.Phase}";
        var copy = chunks.Planned == 0 ? "no chunk planned yet" : $"{chunks.Copied} of {chunks.Planned} chunks copied, {chunks.InFlight} in flight will be redone";
        return $"Resuming {entry.MigrationId} ({entry.Mode}, {state}): {copy}.";
    }

    /// <summary>
    /// Whether the migration is rolled back to its old source (the ledger's rolled-back step): null when not, true when
    /// the rollback recorded the old source's position (forward again is possible), false when it did not.
    /// </summary>
    private static async Task<bool?> RolledBackAsync(string target, string migrationId, CancellationToken cancellationToken)
    {
        await using var ledger = await TargetLedger.OpenAsync(target, migrationId, cancellationToken);
        return (await ledger.StepsAsync(cancellationToken)).TryGetValue(LedgerSteps.RolledBack, out var position) ? position is not null : null;
    }

    /// <summary>A process continuing the durable instance is a run of its own in the ledger (the report lists it).</summary>
    private static async Task ContinueRunAsync(string target, string migrationId, ProgressDisplay display)
    {
        await using var ledger = await TargetLedger.OpenAsync(target, migrationId);
        var run = await ledger.ContinueRunAsync($"{migrationId}@{DateTime.UtcNow:yyyyMMddHHmmssfff}");
        display.Notice($"Continuing the same instance {migrationId} from its durable history (run {run?.Run}).");
    }
}
