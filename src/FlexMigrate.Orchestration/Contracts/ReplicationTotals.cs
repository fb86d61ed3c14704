namespace FlexMigrate.Orchestration.Contracts;

/// <summary>
/// Running totals of replication over every batch: the one set of replication counters (the online migration's
/// status and report, and `flexmigrate replicate`). <see cref="Rows"/> counts cascaded child rows like any other row written.
/// </summary>
public sealed record ReplicationTotals(
    long Transactions = 0,
    long RowsInserted = 0,
    long RowsUpdated = 0,
    long RowsDeleted = 0,
    long CascadedRows = 0,
    int DdlApplied = 0)
{
    /// <summary>Rows written (inserted + updated + deleted + cascaded).</summary>
    public long Rows => RowsInserted + RowsUpdated + RowsDeleted + CascadedRows;

    /// <summary>These totals plus one batch.</summary>
    public ReplicationTotals Add(ChangesApplied batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return new(Transactions + batch.Transactions, RowsInserted + batch.RowsInserted, RowsUpdated + batch.RowsUpdated,
            RowsDeleted + batch.RowsDeleted, CascadedRows + batch.CascadedRows, DdlApplied + batch.DdlApplied);
    }
}
