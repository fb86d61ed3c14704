using FlexMigrate.Cli.Migration;
using FlexMigrate.Orchestration.Contracts;

namespace FlexMigrate.Cli.Commands;

/// <summary>`flexmigrate migrate`: runs the migration orchestration on the embedded durable engine.</summary>
internal sealed class MigrateCommand : ICommand
{
    public string Name => "migrate";

    public string Summary => "Copy schema, data and metadata from a source to a target server.";

    public string Usage => """
        Usage: flexmigrate migrate --source <conn> --target <conn> --databases <a,b> [options]

        Copies the selected databases (schema, every row, views, routines, triggers, events, foreign keys) so the
        target equals the source, then validates it.

          --source <conn>        Source connection string (MySqlConnector format), or env FLEXMIGRATE_SOURCE.
          --target <conn>        Target connection string, or env FLEXMIGRATE_TARGET. Add AllowLoadLocalInfile=true
                                 for the fastest load path.
          --databases <list>     Databases to migrate, comma-separated.
          --tables <list>        Only these tables (db.table,...).
          --exclude-tables <list> Leave these tables out (db.table,...).
          --mode offline         Offline migration (the default; online comes with binlog replication).
          --parallelism <n>      Chunk copies running at once (default 4).
          --chunk-rows <n>       Rows per primary-key range chunk (default 200000).
          --drop-existing        Drop tables that already exist on the target (default: refuse to start).
          --keep-definers        Keep DEFINER clauses (needs SUPER/SET_USER_ID on the target; default rewrites
                                 them to the migration user and lists them in the report).
          --keep-engines         Keep MyISAM/Aria engines (default converts them to InnoDB).
          --skip-precheck        Run even if the precheck finds errors (recorded in the report).
          --no-validate          Skip the source/target comparison at the end.
          --report <file.json>   Write the report as JSON.
          --json                 Print the report as JSON on stdout instead of the summary.

        Exit codes: 0 success, 1 migration failed or target differs, 2 bad usage or input, 3 precheck blocked.
        """;

    public async Task<int> RunAsync(CommandArguments args, CommandConsole console, CancellationToken cancellationToken)
    {
        var source = ConnectionOptions.Source(args);
        var target = ConnectionOptions.Target(args);
        var request = ReadRequest(args);
        var reportPath = args.Option("--report");
        var json = args.Flag("--json");
        args.EnsureAllUsed();

        await console.Error.WriteLineAsync(
            $"Migrating {string.Join(", ", request.Databases)} from {ConnectionOptions.Describe(source)} to {ConnectionOptions.Describe(target)} ({request.Options.Mode.ToString().ToLowerInvariant()}, parallelism {request.Options.Parallelism}).");
        var renderer = new ProgressRenderer(console.Error, console.IsInteractive);
        var run = await MigrationRunner.RunAsync(source, target, request, s => renderer.Render(s, DateTime.UtcNow), cancellationToken);
        renderer.Finish();

        if (run.Report is not { } report)
        {
            await console.Error.WriteLineAsync($"flexmigrate migrate: migration {run.InstanceId} failed: {run.Failure}");
            return ExitCodes.Failed;
        }

        if (reportPath is not null)
        {
            await JsonOutput.WriteFileAsync(reportPath, report, cancellationToken);
        }

        if (json)
        {
            await console.Out.WriteLineAsync(JsonOutput.Serialize(report));
        }
        else
        {
            await ReportPrinter.PrintAsync(console.Out, run.InstanceId, report);
        }

        return report.Outcome switch
        {
            MigrationOutcome.Succeeded => ExitCodes.Success,
            MigrationOutcome.PrecheckBlocked => ExitCodes.PrecheckBlocked,
            _ => ExitCodes.Failed,
        };
    }

    private static MigrationRequest ReadRequest(CommandArguments args)
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

        var mode = args.Option("--mode") ?? "offline";
        if (!string.Equals(mode, "offline", StringComparison.OrdinalIgnoreCase))
        {
            throw new UsageException($"--mode {mode} is not available yet; use --mode offline.");
        }

        var options = new MigrationOptions(
            Mode: MigrationMode.Offline,
            Parallelism: args.Int("--parallelism", 4, 1, 64),
            DropExisting: args.Flag("--drop-existing"),
            KeepDefiners: args.Flag("--keep-definers"),
            KeepEngines: args.Flag("--keep-engines"),
            SkipPrecheck: args.Flag("--skip-precheck"),
            Validate: !args.Flag("--no-validate"),
            ChunkRows: args.Int("--chunk-rows", 200_000, 1, 100_000_000));
        return new MigrationRequest(MigrationRunner.SourceName, MigrationRunner.TargetName, databases, tables, exclude, options);
    }
}
