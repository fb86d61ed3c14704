using FlexMigrate.Core.Binlog;

namespace FlexMigrate.Core.Replication;

/// <summary>
/// What <see cref="ReplicationRun"/> drives: one source transaction at a time in stream order, and a commit of what
/// is pending with its checkpoint. <see cref="ChangeApplier"/> applies on one connection;
/// <see cref="ParallelChangeApplier"/> spreads non-conflicting transactions over several.
/// </summary>
internal interface ITransactionApplier : IAsyncDisposable
{
    /// <summary>Source transactions applied or held, not yet committed.</summary>
    long PendingTransactions { get; }

    /// <summary>Thread id of the target session doing most of the writes (diagnostics and tests), 0 before there is one.</summary>
    int TargetConnectionId { get; }

    /// <summary>Applies (or holds for the next commit) one source transaction.</summary>
    Task ApplyAsync(BinlogTransaction transaction, CancellationToken cancellationToken);

    /// <summary>Commits everything pending together with the checkpoint; nothing when nothing is pending.</summary>
    Task CommitAsync(CancellationToken cancellationToken);

    /// <summary>True while a full group's commit runs on the target behind the buffering of the next one.</summary>
    bool CommitRunning => false;

    /// <summary>Waits for the running group commit, if any (<see cref="CommitRunning"/>).</summary>
    Task WaitForRunningCommitAsync() => Task.CompletedTask;
}
