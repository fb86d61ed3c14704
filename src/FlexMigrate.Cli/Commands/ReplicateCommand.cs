using System.Diagnostics;
using System.Globalization;
using FlexMigrate.Core.Binlog;
using FlexMigrate.Core.Replication;
using FlexMigrate.Orchestration.Contracts;

namespace FlexMigrate.Cli.Commands;

/// <summary>
/// `flexmigrate replicate`: replays a source's binlog onto a target from a position, batch after batch, with the
/// same <see cref="ReplicationApplier"/> the online migration runs; prints rows and transactions per second.
/// </summary>
internal sealed class ReplicateCommand : ICommand
{
    public string Name => "replicate";

    public string Summary => "Replay a source's binlog onto a target from a position (online migration's applier).";

    public string Usage => """
        flexmigrate replicate --source <conn> --target <conn> --database <db>[,<db>...] --from <file:pos> [options]

        Applies every change of the databases from --from onwards, each source transaction as one target
        transaction group with a checkpoint row (flexmigrate_state.replication_checkpoint); a rerun with the same
        --migration-id resumes from the stored checkpoint when it is further on. Foreign-key cascades are emulated.

          --source <conn>         source connection string (or FLEXMIGRATE_SOURCE); needs REPLICATION SLAVE, CLIENT
          --target <conn>         target connection string (or FLEXMIGRATE_TARGET)
          --database <list>       databases to replicate, comma-separated (required)
          --from <file:pos>       first position to apply (e.g. mysql-bin.000003:4)
          --until <file:pos>      stop once the applied position reaches this one (the last batch may go a little
                                  further when the source keeps writing); default: stop when caught up
          --migration-id <id>     checkpoint key on the target (default "cli")
          --group-commit <n>      source transactions per target commit, 1-100000 (default 1000; per connection)
          --apply-threads <n>     target connections applying non-conflicting transactions at once, 1-64
                                  (default 1 = one connection, strictly in order)
          --idle-ms <n>           a batch returns after this long without new changes (default 1000)
          --json                  print the result as JSON

        Exit codes: 0 done, 1 replication failed, 2 bad usage.
        """;

    public async Task<int> RunAsync(CommandArguments args, CommandConsole console, CancellationToken cancellationToken)
    {
        var source = ConnectionOptions.Source(args);
        var target = ConnectionOptions.Target(args);
        var databases = args.List("--database");
        var from = Position(args.Required("--from"), "--from");
        var until = args.Option("--until") is { } text ? Position(text, "--until") : (BinlogPosition?)null;
        var options = new ReplicationApplierOptions
        {
            MigrationId = args.Option("--migration-id") ?? "cli",
            GroupCommitTransactions = args.Int("--group-commit", ReplicationApplierOptions.DefaultGroupCommitTransactions, 1, 100_000),
            ApplyThreads = args.Int("--apply-threads", ReplicationApplierOptions.DefaultApplyThreads, 1, 64),
            IdleReturn = TimeSpan.FromMilliseconds(args.Int("--idle-ms", 1000, 10, 600_000)),
        };
        var json = args.Flag("--json");
        args.EnsureAllUsed();
        if (databases.Count == 0)
        {
            throw new UsageException("--database is required (comma-separated list).");
        }

        var applier = new ReplicationApplier(source, target, new ReplicationScope(databases, [], []), options);
        var totals = new ReplicationTotals();
        var clock = Stopwatch.StartNew();
        var checkpoint = new ReplicationCheckpoint(from, null);
        try
        {
            while (true)
            {
                var started = clock.Elapsed;
                var result = await applier.ApplyAsync(checkpoint, cancellationToken);
                totals = totals.Add(ChangesApplied.From(result, clock.Elapsed - started));
                checkpoint = result.Checkpoint;
                await console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"replicate: at {checkpoint.Position}, {totals.Transactions:N0} transactions, {totals.Rows:N0} rows, source at {result.SourcePosition}"));
                if (until is { } end ? checkpoint.Position >= end : result.CaughtUp)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is Core.UserActionRequiredException or ForeignKeyCascadeException or BinlogException)
        {
            await console.Error.WriteLineAsync($"flexmigrate replicate: {ex.Message}");
            return ExitCodes.Failed;
        }

        var summary = ReplicateSummary.Of(totals, checkpoint, clock.Elapsed.TotalSeconds);
        await console.Out.WriteLineAsync(json ? JsonOutput.Serialize(summary) : summary.ToString());
        return ExitCodes.Success;
    }

    private static BinlogPosition Position(string text, string option) =>
        BinlogPosition.TryParse(text, out var position)
            ? position
            : throw new UsageException($"{option} takes a binlog position file:offset such as mysql-bin.000003:4, not '{text}'.");

    /// <summary>
    /// What `replicate` prints (and writes as JSON with --json): the run's <see cref="ReplicationTotals"/>, the same
    /// counters an online migration reports, so <see cref="Rows"/> counts the child rows cascades changed like any other.
    /// </summary>
    private sealed record ReplicateSummary(
        string Position, long Transactions, long Rows, long RowsInserted, long RowsUpdated, long RowsDeleted, long CascadedRows,
        double Seconds, double RowsPerSecond, double TransactionsPerSecond)
    {
        public static ReplicateSummary Of(ReplicationTotals totals, ReplicationCheckpoint checkpoint, double seconds) => new(
            checkpoint.Position.ToString(), totals.Transactions, totals.Rows, totals.RowsInserted, totals.RowsUpdated, totals.RowsDeleted,
            totals.CascadedRows, Math.Round(seconds, 3), Math.Round(totals.Rows / seconds), Math.Round(totals.Transactions / seconds));

        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"applied to {Position}: {Transactions} transactions, {Rows} rows " +
            $"({RowsInserted} inserted, {RowsUpdated} updated, {RowsDeleted} deleted, {CascadedRows} cascaded) in {Seconds:0.00} s: " +
            $"{RowsPerSecond:0} rows/s, {TransactionsPerSecond:0} transactions/s");
    }
}
