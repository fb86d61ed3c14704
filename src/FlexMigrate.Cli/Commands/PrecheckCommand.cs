using FlexMigrate.Core.Precheck;

namespace FlexMigrate.Cli.Commands;

/// <summary>
/// `flexmigrate precheck`: runs every precheck rule against the source/target pair and prints the report grouped by
/// severity. Exit 0 when nothing blocks, 3 (<see cref="ExitCodes.PrecheckBlocked"/>) when errors do, 2 for bad usage.
/// </summary>
internal sealed class PrecheckCommand : ICommand
{
    public string Name => "precheck";

    public string Summary => "Find everything that would fail or damage a migration, with the fix, before copying.";

    public string Usage => """
        flexmigrate precheck --source <conn> --target <conn> --databases <db1,db2> [options]

          --source <conn>          Source connection string (or env FLEXMIGRATE_SOURCE), e.g.
                                   "Server=src.mysql.database.azure.com;User ID=admin@src;Password=...;SslMode=Required"
          --target <conn>          Target connection string (or env FLEXMIGRATE_TARGET).
          --databases <list>       Databases to migrate, comma-separated.
          --tables <list>          Only these tables: "table" or "db.table", * and ? wildcards.
          --exclude-tables <list>  Leave these tables out (same patterns).
          --mode offline|online    Online adds the binlog checks and requires keys (default offline).
          --json <file>            Also write the report as JSON ("-" writes only JSON to stdout).
          --rows-per-second <n>    Copy rate for the duration estimate (default 150000).
          --mib-per-second <n>     Copy rate in MiB/s for the estimate (default 50); the slower of the two counts.
          --no-data-scan           Skip the table scans for zero dates and the largest row.
          --users <list>           Also check migrating these accounts (all, or name / name@host with % wildcards).
          --replace-users          Selected accounts already on the target will be replaced (not an error).

        Exit codes: 0 nothing blocks, 3 errors block the migration, 2 bad usage.
        """;

    public async Task<int> RunAsync(CommandArguments args, CommandConsole console, CancellationToken cancellationToken)
    {
        var request = ReadRequest(args, out var jsonPath);
        args.EnsureAllUsed();
        if (args.Positionals.Count > 0)
        {
            throw new UsageException($"Unexpected argument '{args.Positionals[0]}'. See --help.");
        }

        var report = await new PrecheckRunner().RunAsync(request, cancellationToken);
        if (jsonPath == "-")
        {
            await console.Out.WriteLineAsync(JsonOutput.Serialize(report));
        }
        else
        {
            await console.Out.WriteAsync(PrecheckReportFormatter.Format(report));
            if (jsonPath is not null)
            {
                await JsonOutput.WriteFileAsync(jsonPath, report, cancellationToken);
                await console.Error.WriteLineAsync($"flexmigrate precheck: JSON report written to {jsonPath}");
            }
        }

        return report.HasErrors ? ExitCodes.PrecheckBlocked : ExitCodes.Success;
    }

    internal static PrecheckRequest ReadRequest(CommandArguments args, out string? jsonPath)
    {
        var source = ConnectionOptions.Source(args);
        var target = ConnectionOptions.Target(args);
        var databases = args.List("--databases");
        if (databases.Count == 0)
        {
            throw new UsageException("--databases is required (comma-separated names).");
        }

        var mode = args.Option("--mode") switch
        {
            null or "offline" => PrecheckMode.Offline,
            "online" => PrecheckMode.Online,
            var other => throw new UsageException($"--mode takes offline or online, not '{other}'."),
        };
        var rows = args.Double("--rows-per-second", CopyRate.Default.RowsPerSecond, 1, 1e9);
        var mib = args.Double("--mib-per-second", CopyRate.Default.BytesPerSecond / (1024 * 1024), 0.01, 1e6);
        jsonPath = args.Option("--json");
        return new PrecheckRequest(source, target, databases, mode)
        {
            IncludeTables = args.List("--tables"),
            ExcludeTables = args.List("--exclude-tables"),
            CopyRate = new CopyRate(rows, mib * 1024 * 1024),
            ScanData = !args.Flag("--no-data-scan"),
            Users = UsersOption.Read(args)?.Select ?? [],
            ReplaceUsers = args.Flag("--replace-users"),
        };
    }
}
