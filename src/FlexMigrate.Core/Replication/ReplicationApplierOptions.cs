using FlexMigrate.Core.Binlog;

namespace FlexMigrate.Core.Replication;

/// <summary>How one <see cref="ReplicationApplier"/> runs: identity, bounds of a batch, group commit size.</summary>
public sealed record ReplicationApplierOptions
{
    /// <summary>Key of the checkpoint row on the target (<see cref="ReplicationApplier.StateDatabase"/>.replication_checkpoint).</summary>
    public required string MigrationId { get; init; }

    /// <summary>Replica server id presented to the source (null = the binlog client's unique random default).</summary>
    public uint? ServerId { get; init; }

    /// <summary>
    /// Where the initial copy finished. Transactions ending at or before it were (partly) seen by the copy, so table
    /// DDL among them cannot be replayed safely and fails (see docs/replication.md); null = the copy is done, every
    /// DDL is replayed.
    /// </summary>
    public BinlogPosition? CatchUpPosition { get; init; }

    /// <summary>A batch returns after about this long (the current target transaction is committed first).</summary>
    public TimeSpan MaxBatchDuration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A batch returns after this many source transactions.</summary>
    public int MaxTransactions { get; init; } = 100_000;

    /// <summary>Return once caught up and nothing new arrived for this long.</summary>
    public TimeSpan IdleReturn { get; init; } = DefaultIdleReturn;

    /// <summary>The <see cref="IdleReturn"/> online migrations run with (a batch's end after its last transaction).</summary>
    public static readonly TimeSpan DefaultIdleReturn = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A cutover's drain: the source's final position (writes are stopped, nothing can follow it). The batch returns as
    /// soon as the committed checkpoint reaches it instead of waiting <see cref="IdleReturn"/> for transactions that
    /// cannot come: that second would be downtime. Null: no such end.
    /// </summary>
    public BinlogPosition? StopAt { get; init; }

    /// <summary>
    /// A cutover closing in before writes stop: the batch returns once applied up to the source's binlog end as it is
    /// when the batch opens (writes go on meanwhile; its result's lag says how far behind that left replay), instead
    /// of running its whole time. Ignored when <see cref="StopAt"/> is set.
    /// </summary>
    public bool StopAtSourceEnd { get; init; }

    /// <summary>
    /// Replays account statements (CREATE/ALTER/DROP USER, GRANT, REVOKE, SET PASSWORD, roles) for the accounts this
    /// selection (--users) takes, by syncing the accounts they name (docs/users.md); null skips them with a note.
    /// </summary>
    public Accounts.AccountSelection? Accounts { get; init; }

    /// <summary>
    /// The migration's throttle (docs/throttling.md): asked before each source transaction (the batch ends, committed,
    /// while a condition holds) and paid the transaction's rows at the --max-rows-per-second pace; null never throttles.
    /// </summary>
    public Throttling.MigrationThrottle? Throttle { get; init; }

    /// <summary>
    /// Whole source transactions per target commit (fewer commits, fewer fsyncs, more changes of one key merged; a
    /// crash replays at most one group). 1000: on the replication benchmark the target's CPU for the same range fell
    /// from ~6.2 s at 200 to ~5.1 s (3000: ~4.3 s), docs/benchmarks.md; a quiet source still commits after 5 ms idle.
    /// </summary>
    public int GroupCommitTransactions { get; init; } = DefaultGroupCommitTransactions;

    /// <summary>The default <see cref="GroupCommitTransactions"/> (the CLI's --group-commit default too).</summary>
    public const int DefaultGroupCommitTransactions = 1000;

    /// <summary>
    /// Target connections that apply non-conflicting source transactions at once (<see cref="ParallelChangeApplier"/>,
    /// docs/replication.md "Parallel apply"); 1 applies everything in order on one connection.
    /// </summary>
    public int ApplyThreads { get; init; } = DefaultApplyThreads;

    /// <summary>
    /// The default <see cref="ApplyThreads"/>: one connection, strictly in source order, until parallel lanes are
    /// measured ahead of it on a quiet machine (on the loaded 2-core machine 4 lanes were 1.27x one lane but behind
    /// native replication, docs/benchmarks.md) and proven in every online test (issue 18). `--apply-threads N` opts in.
    /// </summary>
    public static int DefaultApplyThreads => 1;
}
