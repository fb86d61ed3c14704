// Temporary stand-in for helper H1's ReplicationApplier API so the orchestration compiles while it is built;
// replaced by the real types when branch `replication` is merged.
using FlexMigrate.Core.Binlog;

namespace FlexMigrate.Core.Replication;

public sealed record ReplicationScope(IReadOnlyList<string> Databases, IReadOnlyList<string> Tables, IReadOnlyList<string> ExcludeTables)
{
    public bool IncludesDatabase(string database) => Databases.Contains(database);

    public bool IncludesTable(string database, string table) => IncludesDatabase(database);
}

public sealed record ReplicationCheckpoint(BinlogPosition Position, string? Gtid);

public sealed record ReplicationApplierOptions
{
    public required string MigrationId { get; init; }

    public uint? ServerId { get; init; }

    public BinlogPosition? CatchUpPosition { get; init; }

    public TimeSpan MaxBatchDuration { get; init; } = TimeSpan.FromSeconds(10);

    public int MaxTransactions { get; init; } = 100_000;

    public TimeSpan IdleReturn { get; init; } = TimeSpan.FromSeconds(1);

    public int GroupCommitTransactions { get; init; } = 200;
}

public sealed record ReplicationBatchResult(
    ReplicationCheckpoint Checkpoint,
    BinlogPosition SourcePosition,
    long Transactions, long RowsInserted, long RowsUpdated, long RowsDeleted, long CascadedRows, int DdlApplied,
    double LagSeconds,
    long LagBytes,
    bool CaughtUp,
    IReadOnlyList<string> Notes);

public sealed class ReplicationApplier(string sourceConnectionString, string targetConnectionString, ReplicationScope scope, ReplicationApplierOptions options)
{
    public Task<ReplicationBatchResult> ApplyAsync(ReplicationCheckpoint from, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"{sourceConnectionString.Length}{targetConnectionString.Length}{scope}{options}{from}{cancellationToken}");

    public Task<ReplicationCheckpoint?> ReadCheckpointAsync(CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task DropStateAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
