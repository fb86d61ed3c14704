using FlexMigrate.Cli.Dashboard;
using FlexMigrate.Cli.Display;
using FlexMigrate.Cli.Migration;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask.Client;

namespace FlexMigrate.Cli.Commands;

/// <summary>`flexmigrate migrate`: runs the migration orchestration on the embedded durable engine.</summary>
internal sealed class MigrateCommand : ICommand
{
    public string Name => "migrate";

    public string Summary => "Copy schema, data and metadata from a source to a target server.";

    public string Usage => $"""
        Usage: flexmigrate migrate --source <conn> --target <conn> --databases <a,b> [options]

        Copies the selected databases (schema, every row, views, routines, triggers, events, foreign keys) so the
        target equals the source, then validates it.

          --source <conn>        Source connection string (MySqlConnector format), or env FLEXMIGRATE_SOURCE.
          --target <conn>        Target connection string, or env FLEXMIGRATE_TARGET. Add AllowLoadLocalInfile=true
                                 for the fastest load path.
          --databases <list>     Databases to migrate, comma-separated.
          --tables <list>        Only these tables (db.table,...).
          --exclude-tables <list> Leave these tables out (db.table,...).
          --mode offline|online  offline (default): copy once while nothing writes. online: copy while the source
                                 keeps serving, then replicate its binlog until cutover (downtime = the cutover).
          --parallelism <n>      Chunk copies running at once (default 4).
          --chunk-rows <n>       Rows per primary-key range chunk (default 200000).
          --drop-existing        Drop tables that already exist on the target (default: refuse to start).
          --keep-definers        Keep DEFINER clauses (needs SUPER/SET_USER_ID on the target; default rewrites
                                 them to the migration user and lists them in the report).
          --keep-engines         Keep MyISAM/Aria engines (default converts them to InnoDB).
          --users <list>         Users, roles and grants to migrate with the data: none (default), all, or accounts
                                 as name / name@host with % wildcards (e.g. app,report@10.%). Translated for the
                                 target (docs/users.md); online, account statements in the binlog are replayed.
          --replace-users        Selected accounts already on the target are replaced (default: precheck error).
          --skip-precheck        Run even if the precheck finds errors (recorded in the report).
          --no-validate          Skip the source/target comparison at the end.
          --report <file.json>   Write the report as JSON.
        {StateStoreOption.Help}

        Online mode (source needs log_bin, binlog_format=ROW, binlog_row_image=FULL; every table a primary key or a
        NOT NULL unique key):
          --apply-threads <n>    Target connections replay applies non-conflicting transactions on at once, 1-64
                                 (default 1 = strictly one transaction after another).
          --apply-batch-seconds <s>  How long one replication batch runs before progress, lag and a cutover request
                                 are taken up, 1-3600 (default 10).
          --cutover-when-lag-below <s>  Cut over by itself once replay has caught up and lags less than s seconds.
          --stop-writes <mode>   read-only (default): FlexMigrate sets the source's read_only at cutover (needs SUPER/
                                 READ_ONLY ADMIN; restored if the cutover fails). confirmed: you stopped the apps.
          --cutover-timeout <s>  Limit for draining and switching the target (default 300); past it the cutover is
                                 undone and replication goes on, ready for another try.
          --cutover-flag-file <path>  File whose creation requests the cutover (default: the path printed at start,
                                 which `flexmigrate cutover <migration-id>` creates). Also: press c on a terminal.
          --reverse-after-cutover  After the cutover keep the old source in sync from the target (it stays
                                 read-only; the target needs binlog_format=ROW) until `flexmigrate rollback <id>`
                                 makes it the primary again or `flexmigrate finish <id>` ends with the target final.
          --json                 Print the report as JSON on stdout instead of the summary.

        {ThrottleOptions.Usage}
        Watching:
          --dashboard [host:]port  Serve the live dashboard (progress, lag chart, cutover and cancel buttons) at
                                 http://host:port/api/dashboard/ while the migration runs. Host defaults to
                                 127.0.0.1 (this machine only); actions need the token printed at start, which the
                                 printed address carries. Port 0 picks a free port.

        Exit codes: 0 success, 1 migration failed or target differs, 2 bad usage or input, 3 precheck blocked,
        130 cancelled (Ctrl+C or the dashboard).
        """;

    public async Task<int> RunAsync(CommandArguments args, CommandConsole console, CancellationToken cancellationToken)
    {
        var source = ConnectionOptions.Source(args);
        var target = ConnectionOptions.Target(args);
        var throttle = ThrottleOptions.Read(args);
        var request = ReadRequest(args, throttle.Settings);
        var reportPath = args.Option("--report");
        var json = args.Flag("--json");
        var cutover = ReadCutoverOptions(args, request.Options.Mode);
        var stateStore = StateStoreOption.Read(args);
        var dashboard = args.Option("--dashboard") is { } endpoint ? DashboardEndpoint.Parse(endpoint) : null;
        args.EnsureAllUsed();

        var display = ProgressDisplay.For(console);
        display.Notice(
            $"Migrating {string.Join(", ", request.Databases)} from {ConnectionOptions.Describe(source)} to {ConnectionOptions.Describe(target)} ({request.Options.Mode.ToString().ToLowerInvariant()}, parallelism {request.Options.Parallelism}).");
        var signals = Signals(cutover, display, console, request.Options.ApplyBatchSeconds);
        var attach = Dashboard(dashboard, display, cancellationToken);
        var hooks = new MigrationHooks(throttle.Connections,
            id => display.Notice($"Migration {id}. Pause, unpause or retune it from another terminal: flexmigrate control {id} pause|unpause|set <name>=<value>."),
            display.NoticeWriter());
        var acknowledged = new ControlAcknowledgements(display.Notice);
        var run = await display.ShowAsync(() => MigrationRunner.RunAsync(
            source, target, request, status =>
            {
                display.Update(status);
                acknowledged.Print(status);
            }, cancellationToken, signals, attach, stateStore,
            id => display.Notice(StateStoreOption.StartedLine(id, stateStore)), hooks: hooks));
        return await RunOutput.WriteAsync(Name, run, reportPath, json, console, display, cancellationToken);
    }

    /// <summary>The cutover signals of an online run (key, flag file, lag threshold), announced as a notice; null offline.</summary>
    internal static Func<string, CutoverSignals>? Signals(CutoverOptions? cutover, ProgressDisplay display, CommandConsole console, int? applyBatchSeconds)
    {
        var keyboard = console.IsInteractive && !Console.IsInputRedirected;
        return cutover is null ? null : id =>
        {
            var flag = cutover.FlagFile ?? CutoverFlagFile.PathFor(id);
            display.Notice(
                $"To cut over once it replicates: {(keyboard ? "press c, " : "")}run `flexmigrate cutover {id}` or create {flag}"
                + (cutover.LagBelowSeconds is { } lag ? $"; cuts over by itself when the lag falls below {lag} s." : ".")
                + (cutover.Reverse ? $" After the cutover it replicates back: `flexmigrate rollback {id}` or `flexmigrate finish {id}`." : ""));
            return new CutoverSignals(flag, cutover.Defaults, cutover.LagBelowSeconds, keyboard, display.NoticeWriter(), applyBatchSeconds: applyBatchSeconds);
        };
    }

    /// <summary>The dashboard server attached to the running instance when --dashboard asks for one.</summary>
    internal static Func<DurableTaskClient, string, Task<IAsyncDisposable>>? Dashboard(
        DashboardEndpoint? dashboard, ProgressDisplay display, CancellationToken cancellationToken) => dashboard is null ? null : async (client, id) =>
    {
        var server = await DashboardServer.StartAsync(dashboard, client, id, cancellationToken);
        display.Notice($"Dashboard: {server.PageUrl} (the address carries the token that cutover and cancel need"
            + (dashboard.IsLoopback ? "; reachable from this machine only)." : "; every request needs it)."));
        return server;
    };

    /// <summary>The online cutover options, or null for offline migrations (where giving them is a usage error).</summary>
    internal static CutoverOptions? ReadCutoverOptions(CommandArguments args, MigrationMode mode)
    {
        var lag = args.Option("--cutover-when-lag-below");
        var stopWrites = args.Option("--stop-writes");
        var timeout = args.Option("--cutover-timeout");
        var flag = args.Option("--cutover-flag-file");
        if (mode != MigrationMode.Online)
        {
            if ((lag ?? stopWrites ?? timeout ?? flag) is not null || args.Flag("--reverse-after-cutover"))
            {
                throw new UsageException("--cutover-when-lag-below, --stop-writes, --cutover-timeout, --cutover-flag-file and --reverse-after-cutover need --mode online.");
            }

            return null;
        }

        var writes = StopWritesOption.Parse(stopWrites);
        return new CutoverOptions(
            new CutoverRequest(writes, args.Int("--cutover-timeout", 300, 1, 86_400), "cli"),
            lag is null ? null : args.Double("--cutover-when-lag-below", 0, 0, 86_400),
            flag,
            args.Flag("--reverse-after-cutover"));
    }

    internal sealed record CutoverOptions(CutoverRequest Defaults, double? LagBelowSeconds, string? FlagFile, bool Reverse = false);

    private static MigrationRequest ReadRequest(CommandArguments args, Core.Throttling.ThrottleSettings? throttle)
    {
        var databases = args.List("--databases");
        if (databases.Count == 0)
        {
            throw new UsageException("--databases is required: name the databases to migrate, e.g. --databases shop,crm.");
        }

        var tables = args.List("--tables");
        var exclude = args.List("--exclude-tables");
        foreach (var t in tables.Concat(exclude))
        {
            if (t.Split('.') is not [{ Length: > 0 }, { Length: > 0 }])
            {
                throw new UsageException($"'{t}' is not a table name of the form db.table.");
            }
        }

        var mode = (args.Option("--mode") ?? "offline").ToLowerInvariant() switch
        {
            "offline" => MigrationMode.Offline,
            "online" => MigrationMode.Online,
            var other => throw new UsageException($"--mode {other} is not a mode; use --mode offline or --mode online."),
        };

        var options = new MigrationOptions(
            Mode: mode,
            Parallelism: args.Int("--parallelism", 4, 1, 64),
            DropExisting: args.Flag("--drop-existing"),
            KeepDefiners: args.Flag("--keep-definers"),
            KeepEngines: args.Flag("--keep-engines"),
            SkipPrecheck: args.Flag("--skip-precheck"),
            Validate: !args.Flag("--no-validate"),
            ChunkRows: args.Int("--chunk-rows", 200_000, 1, 100_000_000),
            Throttle: throttle,
            ApplyBatchSeconds: args.Int("--apply-batch-seconds", new MigrationOptions().ApplyBatchSeconds, 1, 3600),
            ApplyThreads: args.Int("--apply-threads", 0, 1, 64),
            ReverseAfterCutover: args.Flag("--reverse-after-cutover"));
        return new MigrationRequest(MigrationRunner.SourceName, MigrationRunner.TargetName, databases, tables, exclude, options)
        {
            Users = UsersOption.Read(args),
        };
    }
}
