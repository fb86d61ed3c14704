using System.Diagnostics;
using System.Globalization;
using FlexMigrate.Core.Binlog;
using FlexMigrate.Core.Replication;

// Usage: FlexMigrate.ReplicationBench <database> <from file:pos> <until file:pos> [group commit transactions]
// Connection strings come from FLEXMIGRATE_SOURCE / FLEXMIGRATE_TARGET. Applies batches from <from> until the
// checkpoint reaches <until> (the target must hold the database as it was at <from>), prints one result line, and
// drops the checkpoint state.
var source = Environment.GetEnvironmentVariable("FLEXMIGRATE_SOURCE") ?? throw new InvalidOperationException("FLEXMIGRATE_SOURCE is not set");
var target = Environment.GetEnvironmentVariable("FLEXMIGRATE_TARGET") ?? throw new InvalidOperationException("FLEXMIGRATE_TARGET is not set");
var database = args[0];
var from = BinlogPosition.Parse(args[1]);
var until = BinlogPosition.Parse(args[2]);
var group = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 200;

var applier = new ReplicationApplier(source, target, new ReplicationScope([database], [], []), new ReplicationApplierOptions
{
    MigrationId = "bench-" + database,
    GroupCommitTransactions = group,
    MaxBatchDuration = TimeSpan.FromSeconds(30),
    IdleReturn = TimeSpan.FromSeconds(1),
});
await applier.DropStateAsync();
var checkpoint = new ReplicationCheckpoint(from, null);
long transactions = 0, rows = 0;
var clock = Stopwatch.StartNew();
while (checkpoint.Position < until)
{
    var batch = await applier.ApplyAsync(checkpoint);
    checkpoint = batch.Checkpoint;
    transactions += batch.Transactions;
    rows += batch.RowsInserted + batch.RowsUpdated + batch.RowsDeleted;
}

var seconds = clock.Elapsed.TotalSeconds;
await applier.DropStateAsync();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"flexmigrate-apply group={group} transactions={transactions} rows={rows} seconds={seconds:F2} tx_per_s={transactions / seconds:F0} " +
    $"rows_per_s={rows / seconds:F0} peak_working_set_mb={Process.GetCurrentProcess().PeakWorkingSet64 >> 20}"));
