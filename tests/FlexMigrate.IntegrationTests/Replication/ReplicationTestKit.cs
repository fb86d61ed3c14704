using FlexMigrate.Core.Binlog;
using FlexMigrate.Core.Replication;
using FlexMigrate.IntegrationTests.Infrastructure;

namespace FlexMigrate.IntegrationTests.Replication;

[CollectionDefinition(ReplicationTestKit.Collection)]
public sealed class ReplicationCollection
{
}

/// <summary>
/// Shared steps of the replication tests. Other test classes write to the same source binlog in parallel, so tests
/// never wait for "caught up and idle": they apply until the checkpoint passes a position they recorded.
/// </summary>
internal static class ReplicationTestKit
{
    /// <summary>
    /// The replication test classes share the target's flexmigrate_state database and drop it when empty
    /// (DropStateAsync), which would pull it from under another class's running applier: they run one at a time.
    /// </summary>
    public const string Collection = "replication (shared state database)";

    public static Task<BinlogPosition> SourceEndAsync() => new BinlogClient(ServerPair.SourceConnectionString).GetCurrentPositionAsync();

    public static ReplicationApplier Applier(string migrationId, ReplicationScope scope, BinlogPosition? catchUp = null, int group = 200, int? threads = null,
        ScopeTablesCache? scopeTables = null) =>
        new(ServerPair.SourceConnectionString, ServerPair.TargetConnectionString, scope, new ReplicationApplierOptions
        {
            MigrationId = migrationId,
            CatchUpPosition = catchUp,
            MaxBatchDuration = TimeSpan.FromSeconds(3),
            IdleReturn = TimeSpan.FromMilliseconds(300),
            GroupCommitTransactions = group,
            ApplyThreads = threads ?? ReplicationApplierOptions.DefaultApplyThreads,
        },
        scopeTables);

    /// <summary>Applies batches until the checkpoint reaches <paramref name="until"/>; returns the last batch (counts summed).</summary>
    public static async Task<(ReplicationBatchResult Last, ReplicationBatchResult Sum)> ApplyUntilAsync(ReplicationApplier applier, ReplicationCheckpoint from,
        BinlogPosition until, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        ReplicationBatchResult? sum = null;
        while (true)
        {
            var r = await applier.ApplyAsync(from, cts.Token);
            sum = sum is null ? r : r with
            {
                Transactions = sum.Transactions + r.Transactions,
                RowsInserted = sum.RowsInserted + r.RowsInserted,
                RowsUpdated = sum.RowsUpdated + r.RowsUpdated,
                RowsDeleted = sum.RowsDeleted + r.RowsDeleted,
                CascadedRows = sum.CascadedRows + r.CascadedRows,
                DdlApplied = sum.DdlApplied + r.DdlApplied,
                Notes = [.. sum.Notes, .. r.Notes],
            };
            from = r.Checkpoint;
            if (r.Checkpoint.Position >= until)
            {
                return (r, sum);
            }
        }
    }

    public static async Task AssertSameAsync(string database, params string[] tables)
    {
        foreach (var table in tables)
        {
            var source = await TableFingerprint.OfAsync(ServerPair.SourceConnectionString, database, table);
            var target = await TableFingerprint.OfAsync(ServerPair.TargetConnectionString, database, table);
            Assert.True(source == target, $"{database}.{table}: source {source.Rows} rows {source.Hash[..12]}, target {target.Rows} rows {target.Hash[..12]}");
        }
    }

    /// <summary>
    /// The end positions of the source transactions between <paramref name="from"/> and <paramref name="until"/> that
    /// change <paramref name="database"/>, in order (other test classes write to the same binlog at once: their
    /// transactions arrive empty, filtered, and are left out).
    /// </summary>
    public static async Task<List<BinlogPosition>> TransactionEndsAsync(string database, BinlogPosition from, BinlogPosition until)
    {
        var ends = new List<BinlogPosition>();
        var read = new BinlogReadOptions { StopAtEnd = true, DatabaseFilter = d => d == database };
        await foreach (var transaction in new BinlogClient(ServerPair.SourceConnectionString).ReadTransactionsAsync(BinlogStartPosition.At(from), read))
        {
            if (transaction.EndPosition <= until && transaction.Changes.Count > 0)
            {
                ends.Add(transaction.EndPosition);
            }
        }

        return ends;
    }

    public static async Task<long> CountAsync(string connectionString, string sql) =>
        Convert.ToInt64(await ServerPair.ScalarAsync(connectionString, sql), System.Globalization.CultureInfo.InvariantCulture);
}
