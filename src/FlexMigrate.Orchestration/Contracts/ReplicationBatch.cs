namespace FlexMigrate.Orchestration.Contracts;

/// <summary>What one replication batch did; folded into the replication state by the orchestrator.</summary>
/// <param name="Checkpoint">Applied and committed on the target through here.</param>
/// <param name="SourcePosition">The source's binlog end when the batch returned.</param>
/// <param name="Transactions">Source transactions applied.</param>
/// <param name="RowsInserted">Rows inserted.</param>
/// <param name="RowsUpdated">Rows updated.</param>
/// <param name="RowsDeleted">Rows deleted.</param>
/// <param name="CascadedRows">Child rows changed by emulated foreign-key cascades.</param>
/// <param name="DdlApplied">DDL statements applied.</param>
/// <param name="LagSeconds">Age of the last applied change (0 when caught up).</param>
/// <param name="LagBytes">Binlog bytes between the checkpoint and the source's end.</param>
/// <param name="CaughtUp">The checkpoint reached the source's end.</param>
/// <param name="Seconds">How long the batch ran.</param>
/// <param name="Notes">Statements skipped or deferred, with the reason.</param>
public sealed record ReplicationBatch(
    ReplicationPosition Checkpoint,
    string SourcePosition,
    long Transactions,
    long RowsInserted,
    long RowsUpdated,
    long RowsDeleted,
    long CascadedRows,
    int DdlApplied,
    double LagSeconds,
    long LagBytes,
    bool CaughtUp,
    double Seconds,
    IReadOnlyList<string> Notes)
{
    /// <summary>Rows written by the batch (inserted + updated + deleted + cascaded).</summary>
    public long Rows => RowsInserted + RowsUpdated + RowsDeleted + CascadedRows;
}
