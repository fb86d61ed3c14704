namespace FlexMigrate.Orchestration.Contracts;

/// <summary>
/// Output of <see cref="Activities.ApplyChangesActivity"/>: what one replication batch did, as a durable payload (the
/// engine's <see cref="Core.Replication.ReplicationBatchResult"/> with positions as text and the batch's duration);
/// folded into <see cref="ReplicationTotals"/> and the replication state. `flexmigrate replicate` counts with it too.
/// </summary>
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
public sealed record ChangesApplied(
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
    /// <summary>What the migration's throttle saw (null without throttle conditions).</summary>
    public Core.Throttling.ThrottleSnapshot? Throttle { get; init; }

    /// <summary>True when a throttle condition held for the whole batch: nothing was applied or read, fold nothing.</summary>
    public bool Deferred { get; init; }

    /// <summary>Rows written by the batch (inserted + updated + deleted + cascaded).</summary>
    public long Rows => RowsInserted + RowsUpdated + RowsDeleted + CascadedRows;

    /// <summary>The durable form of what the engine's applier returned for one batch that ran <paramref name="elapsed"/>.</summary>
    public static ChangesApplied From(Core.Replication.ReplicationBatchResult result, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new ChangesApplied(
            new ReplicationPosition(result.Checkpoint.Position.ToString(), result.Checkpoint.Gtid),
            result.SourcePosition.ToString(),
            result.Transactions, result.RowsInserted, result.RowsUpdated, result.RowsDeleted, result.CascadedRows, result.DdlApplied,
            Math.Round(result.LagSeconds, 3), result.LagBytes, result.CaughtUp, Math.Round(elapsed.TotalSeconds, 3), result.Notes);
    }
}
