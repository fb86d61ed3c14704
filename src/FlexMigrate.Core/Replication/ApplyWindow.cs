using FlexMigrate.Core.Binlog;

namespace FlexMigrate.Core.Replication;

/// <summary>
/// A stretch of consecutive source transactions that parallel lanes apply, each lane committing its share on its
/// own target connection (docs/replication.md, "Parallel apply"). The checkpoint row stays at <see cref="Start"/>
/// (the low-watermark) and records the window and the transactions committed in it (<see cref="Done"/>); the lane
/// whose commit completes the window moves the checkpoint to <see cref="End"/> in that same commit. A run that
/// resumes inside an open window skips exactly the transactions in <see cref="Done"/>.
/// </summary>
/// <param name="Start">The committed checkpoint before the window's first transaction.</param>
/// <param name="End">The checkpoint after the window's last transaction.</param>
/// <param name="Count">Transactions in the window.</param>
/// <param name="Done">End positions of the window's transactions already committed.</param>
internal sealed record ApplyWindow(ReplicationCheckpoint Start, ReplicationCheckpoint End, int Count, IReadOnlySet<BinlogPosition> Done)
{
    /// <summary>True when <paramref name="transaction"/> lies in the window and was committed already.</summary>
    public bool Applied(BinlogTransaction transaction) => transaction.EndPosition <= End.Position && Done.Contains(transaction.EndPosition);
}
