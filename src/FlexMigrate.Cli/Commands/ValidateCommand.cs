using System.Globalization;
using FlexMigrate.Core.Accounts;
using FlexMigrate.Core.Validation;

namespace FlexMigrate.Cli.Commands;

/// <summary>`flexmigrate validate`: proves the target equals the source, naming every differing row and schema object.</summary>
internal sealed class ValidateCommand : ICommand
{
    /// <summary>Differing keys printed per kind and table (the JSON report lists up to 100).</summary>
    private const int KeysShown = 5;

    public string Name => "validate";

    public string Summary => "Compare data and schema of source and target; list differing rows.";

    public string Usage => """
        flexmigrate validate --source <conn> --target <conn> --databases <db1,db2> [options]

        Compares every table chunk by chunk (row count and an order-independent hash computed on each server),
        drills into differing chunks down to the rows, and compares the schema objects.

          --source <conn>          source connection string (or FLEXMIGRATE_SOURCE)
          --target <conn>          target connection string (or FLEXMIGRATE_TARGET)
          --databases <list>       comma-separated databases to validate (required)
          --tables <list>          only these tables: name or db.name, comma-separated
          --exclude-tables <list>  skip these tables: name or db.name
          --parallelism <n>        chunks compared at once, 1-64 (default 4)
          --chunk-rows <n>         rows per key-range chunk (default 100000)
          --definer <user@host>    the definer the migration wrote on views/routines/triggers/events;
                                   without it definers are not compared
          --users <list>           also compare these accounts after the documented translations (docs/users.md)
          --json <file>            also write the full report as JSON ('-' for stdout)

        Exit codes: 0 equal, 1 differences (or a table could not be compared), 2 bad usage.
        """;

    public async Task<int> RunAsync(CommandArguments args, CommandConsole console, CancellationToken cancellationToken)
    {
        var source = args.Required("--source", "FLEXMIGRATE_SOURCE");
        var target = args.Required("--target", "FLEXMIGRATE_TARGET");
        var databases = args.List("--databases");
        if (databases.Count == 0)
        {
            throw new UsageException("--databases is required (comma-separated list).");
        }

        var scope = new ValidationScope(databases, args.List("--tables"), args.List("--exclude-tables"));
        var options = new ValidationOptions
        {
            Parallelism = args.Int("--parallelism", 4, 1, 64),
            ChunkRows = args.Int("--chunk-rows", 100_000, 1_000, 10_000_000),
            MigrationDefiner = args.Option("--definer"),
        };
        var jsonPath = args.Option("--json");
        var users = UsersOption.Read(args);
        args.EnsureAllUsed();

        ValidationReport report;
        try
        {
            var progress = new SynchronousProgress(r => console.Error.WriteLine(
                $"validate: {r.Database}.{r.Table} {ValidationReportPrinter.Status(r.Status)} ({r.RowsCompared.ToString("N0", CultureInfo.InvariantCulture)} rows, {r.Seconds.ToString("F1", CultureInfo.InvariantCulture)} s)"));
            report = await DatabaseValidator.ValidateAsync(source, target, scope, options, progress, cancellationToken);
            if (users is not null)
            {
                var accounts = await new AccountMigrator(source, target).CompareAsync(AccountSelection.For(users.Select, source), databases, cancellationToken);
                report = report with { Accounts = accounts, Equal = report.Equal && accounts.Equal };
            }
        }
        catch (InvalidOperationException ex) when (!cancellationToken.IsCancellationRequested)
        {
            await console.Error.WriteLineAsync($"flexmigrate validate: {ex.Message}");
            return ExitCodes.Usage;
        }

        await ValidationReportPrinter.PrintAsync(report, console.Out, KeysShown);
        if (jsonPath == "-")
        {
            await console.Out.WriteLineAsync(report.ToJson());
        }
        else if (jsonPath is not null)
        {
            await File.WriteAllTextAsync(jsonPath, report.ToJson() + "\n", cancellationToken);
        }

        return report.Equal ? ExitCodes.Success : ExitCodes.Failed;
    }

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; would post to the thread pool and reorder lines).</summary>
    private sealed class SynchronousProgress(Action<TableValidationResult> report) : IProgress<TableValidationResult>
    {
        private readonly Lock _gate = new();

        public void Report(TableValidationResult value)
        {
            lock (_gate)
            {
                report(value);
            }
        }
    }
}
