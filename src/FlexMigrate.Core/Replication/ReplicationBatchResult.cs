using FlexMigrate.Core.Binlog;

namespace FlexMigrate.Core.Replication;

/// <summary>
/// What one <see cref="ReplicationApplier.ApplyAsync"/> call did. Counts are rows written to the target for row
/// events (an update that changes the key counts once, as an update); <see cref="CascadedRows"/> are rows the
/// foreign-key cascade emulation changed; <see cref="Notes"/> list statements skipped or deferred, with the reason.
/// </summary>
public sealed record ReplicationBatchResult(
    ReplicationCheckpoint Checkpoint,
    BinlogPosition SourcePosition,
    long Transactions, long RowsInserted, long RowsUpdated, long RowsDeleted, long CascadedRows, int DdlApplied,
    double LagSeconds,
    long LagBytes,
    bool CaughtUp,
    IReadOnlyList<string> Notes);
