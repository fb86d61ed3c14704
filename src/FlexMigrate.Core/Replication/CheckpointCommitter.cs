using FlexMigrate.Core.Binlog;
using FlexMigrate.Core.Testing;
using MySqlConnector;

namespace FlexMigrate.Core.Replication;

/// <summary>
/// The checkpoint role of replay: owns the target transaction that groups whole source transactions, and commits it
/// together with the checkpoint row (<see cref="CheckpointStore"/>), so the target's data and its record of what it
/// has replayed can never disagree after a crash. <see cref="Committed"/> is the position a new run resumes from.
/// A full group's commit may be left running (<see cref="StartCommitAsync"/>) while the next group is read and
/// buffered in memory: every later use of the connection settles it first, so groups still reach the target one
/// after another, each with its own checkpoint, and <see cref="Committed"/> moves only once a commit returned.
/// </summary>
internal sealed class CheckpointCommitter(MySqlConnection target, ReplicationApplierOptions options, ReplicationBatch batch) : IAsyncDisposable
{
    private MySqlTransaction? _transaction;
    private readonly List<BinlogPosition> _share = [];
    private ReplicationCheckpoint? _pending;
    private ReplicationCheckpoint? _stored;
    private Task<ReplicationCheckpoint>? _committing;

    /// <summary>The last checkpoint committed on the target.</summary>
    public ReplicationCheckpoint Committed { get; private set; } = null!;

    /// <summary>Source transactions applied in the open target transaction, not yet committed.</summary>
    public long PendingTransactions { get; private set; }

    /// <summary>Source transactions whose group commit was started and has not returned yet.</summary>
    public long CommittingTransactions { get; private set; }

    /// <summary>The open target transaction, if any, once no group commit is running.</summary>
    public async Task<MySqlTransaction?> SettledTransactionAsync(CancellationToken cancellationToken)
    {
        await SettleAsync().ConfigureAwait(false);
        return _transaction;
    }

    /// <summary>The parallel applier's window left open after <see cref="Committed"/> by an earlier run, if any.</summary>
    public ApplyWindow? OpenWindow { get; private set; }

    /// <summary>Resumes from max(<paramref name="from"/>, the checkpoint stored on the target).</summary>
    public async Task ResumeAsync(ReplicationCheckpoint from, CancellationToken cancellationToken)
    {
        await CheckpointStore.EnsureAsync(target, cancellationToken).ConfigureAwait(false);
        var stored = await CheckpointStore.ReadAsync(target, options.MigrationId, cancellationToken).ConfigureAwait(false);
        Committed = stored is not null && stored.Position > from.Position ? stored : from;
        _stored = stored;
        OpenWindow = stored is not null && stored.Position >= from.Position
            ? await CheckpointStore.ReadOpenWindowAsync(target, options.MigrationId, cancellationToken).ConfigureAwait(false)
            : null;
    }

    /// <summary>
    /// Writes <see cref="Committed"/> to the checkpoint row when the row is missing or behind it (the run started
    /// from a position ahead of the row): the lanes of a window record their shares against the stored checkpoint.
    /// </summary>
    public async Task StoreCommittedAsync(CancellationToken cancellationToken)
    {
        await SettleAsync().ConfigureAwait(false);
        if (_stored is null || _stored.Position != Committed.Position)
        {
            await CheckpointStore.WriteAsync(target, null, options.MigrationId, Committed, 0, cancellationToken).ConfigureAwait(false);
            _stored = Committed;
        }
    }

    /// <summary>
    /// True when <paramref name="transaction"/> was committed by a lane of the open window already (a run that
    /// stopped inside a window): it is passed over, never applied twice.
    /// </summary>
    public bool AlreadyApplied(BinlogTransaction transaction) => OpenWindow?.Applied(transaction) == true;

    /// <summary>The open target transaction, begun when none is (after the group commit running, if any, returned).</summary>
    public async Task<MySqlTransaction> BeginAsync(CancellationToken cancellationToken)
    {
        await SettleAsync().ConfigureAwait(false);
        return _transaction ??= await target.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Counts an applied source transaction into the group; its end becomes the checkpoint to commit. One that
    /// <see cref="AlreadyApplied"/> is included uncounted (only the checkpoint passes it).
    /// </summary>
    public void Include(BinlogTransaction transaction, bool counted = true)
    {
        PendingTransactions++;
        _share.Add(transaction.EndPosition);
        if (counted)
        {
            batch.Pending.Transactions++;
        }

        batch.PendingTimestamp = transaction.Timestamp;
        _pending = After(transaction);
    }

    /// <summary>The checkpoint after <paramref name="transaction"/> (its GTID when the stream carried one, else the last known).</summary>
    public ReplicationCheckpoint After(BinlogTransaction transaction) =>
        new(transaction.EndPosition, transaction.MariaDbGtidPosition?.ToString() ?? transaction.Gtid ?? Committed.Gtid);

    /// <summary>
    /// Flushes the group's rows, writes the checkpoint in the same transaction and commits; nothing when the group is
    /// empty. Returns once the commit returned (the one started by <see cref="StartCommitAsync"/> before too).
    /// </summary>
    public async Task CommitAsync(Func<MySqlTransaction, MySqlBatchCommand?, CancellationToken, Task> flushRows, CancellationToken cancellationToken)
    {
        await StartCommitAsync(flushRows, cancellationToken).ConfigureAwait(false);
        await SettleAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Starts the group's commit as <see cref="CommitAsync"/> does and returns once its rows are taken from
    /// <paramref name="flushRows"/>'s buffers (RowBatcher.FlushAsync takes them before it returns), not when the target
    /// has executed them: the caller reads and buffers the next group meanwhile (the target's work on group N overlaps
    /// the decoding and buffering of N+1). <see cref="Committed"/> moves when the commit returns, at the next use of the
    /// connection (<see cref="SettleAsync"/>); a failure surfaces there.
    /// </summary>
    public async Task StartCommitAsync(Func<MySqlTransaction, MySqlBatchCommand?, CancellationToken, Task> flushRows, CancellationToken cancellationToken)
    {
        if (PendingTransactions == 0 || _pending is null)
        {
            return;
        }

        var transaction = await BeginAsync(cancellationToken).ConfigureAwait(false);
        var group = new CommitGroup(Committed, _pending, PendingTransactions);
        // The rows and the checkpoint row go in one pipelined flush: one round trip, then the commit.
        var sending = flushRows(transaction, CheckpointStore.WriteCommand(options.MigrationId, group.To, group.Transactions), cancellationToken);
        // The running commit owns the transaction now; the next group begins its own after it returned.
        _transaction = null;
        CommittingTransactions = PendingTransactions;
        _pending = null;
        _share.Clear();
        PendingTransactions = 0;
        batch.StartCommit();
        _committing = FinishCommitAsync(sending, transaction, group, cancellationToken);
    }

    /// <summary>
    /// A lane's commit (parallel apply): flushes the lane's rows of <paramref name="window"/> and records its share of
    /// the window in the same transaction (<see cref="CheckpointStore.WriteWindowShareAsync"/>). True when this
    /// share completed the window (the checkpoint moved to its end).
    /// </summary>
    public async Task<bool> CommitShareAsync(Func<MySqlTransaction, MySqlBatchCommand?, CancellationToken, Task> flushRows, ApplyWindow window, CancellationToken cancellationToken)
    {
        if (PendingTransactions == 0)
        {
            return false;
        }

        var transaction = await BeginAsync(cancellationToken).ConfigureAwait(false);
        await flushRows(transaction, null, cancellationToken).ConfigureAwait(false);
        var complete = await CheckpointStore.WriteWindowShareAsync(target, transaction, options.MigrationId, window, _share, cancellationToken).ConfigureAwait(false);
        // Crash tests stop here: a lane's share of a window and its record written, nothing committed.
        await PausePoint.ReachAsync("apply-commit", cancellationToken).ConfigureAwait(false);
        await EndTransactionAsync(cancellationToken).ConfigureAwait(false);
        Reset();
        return complete;
    }

    /// <summary>Rolls back the open target transaction and forgets the group (a lane chosen as a deadlock victim).</summary>
    public async Task RollbackAsync(CancellationToken cancellationToken)
    {
        await SettleAsync().ConfigureAwait(false);
        if (_transaction is not null)
        {
            await _transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            await _transaction.DisposeAsync().ConfigureAwait(false);
            _transaction = null;
        }

        _pending = null;
        _share.Clear();
        PendingTransactions = 0;
        batch.DiscardUncommitted();
    }

    /// <summary>Takes <paramref name="checkpoint"/> as committed (another connection's commit moved the stored row there).</summary>
    public void Adopt(ReplicationCheckpoint checkpoint)
    {
        Committed = _stored = checkpoint;
        if (OpenWindow is { } open && checkpoint.Position >= open.End.Position)
        {
            OpenWindow = null;
        }
    }

    /// <summary>
    /// Commits rows that must land before a DDL statement (which commits implicitly) without moving the checkpoint:
    /// the statement's transaction is checkpointed on its own once its statements ran.
    /// </summary>
    public async Task CommitRowsAsync(Func<MySqlTransaction, MySqlBatchCommand?, CancellationToken, Task> flushRows, CancellationToken cancellationToken)
    {
        var transaction = await BeginAsync(cancellationToken).ConfigureAwait(false);
        await flushRows(transaction, null, cancellationToken).ConfigureAwait(false);
        await EndTransactionAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Moves the checkpoint over a stretch that holds no transaction (rotation and header events only).</summary>
    public async Task AdvanceAsync(BinlogPosition to, CancellationToken cancellationToken)
    {
        await SettleAsync().ConfigureAwait(false);
        var advanced = Committed with { Position = to };
        await CheckpointStore.WriteAsync(target, null, options.MigrationId, advanced, 0, cancellationToken).ConfigureAwait(false);
        Committed = _stored = advanced;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await SettleAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is MySqlException or ReplicationCommitException or OperationCanceledException or InvalidOperationException or IOException)
        {
            // The run is ending on an error already (surfaced where it happened); the server rolled that group back.
        }

        if (_transaction is null)
        {
            return;
        }

        try
        {
            await _transaction.DisposeAsync().ConfigureAwait(false);
        }
        catch (MySqlException)
        {
            // The session is already gone; the server rolled the transaction back.
        }
    }

    /// <summary>Waits for the group commit started by <see cref="StartCommitAsync"/>, if any, and takes its checkpoint as committed.</summary>
    private async Task SettleAsync()
    {
        if (_committing is not { } committing)
        {
            return;
        }

        _committing = null;
        // Applied here, on the loop's own flow, not in the commit's continuation: the loop reads these meanwhile.
        Committed = _stored = await committing.ConfigureAwait(false);
        CommittingTransactions = 0;
        batch.EndCommit();
    }

    private async Task<ReplicationCheckpoint> FinishCommitAsync(Task sending, MySqlTransaction transaction, CommitGroup group, CancellationToken cancellationToken)
    {
        try
        {
            await sending.ConfigureAwait(false);
            // Crash tests stop here: a group of replayed transactions and its checkpoint written, nothing committed.
            await PausePoint.ReachAsync("apply-commit", cancellationToken).ConfigureAwait(false);
            await CommitOrCancelAsync(transaction, cancellationToken).ConfigureAwait(false);
        }
        catch (MySqlException ex) when (ReplicationCommitException.IsRefusal(ex, cancellationToken))
        {
            // Surfaces at the next use of the connection, while the loop works on a later group: say which one failed.
            throw ReplicationCommitException.Refused(group.Transactions, group.From.Position, group.To.Position, target.ConnectionString, null, ex);
        }
        finally
        {
            await DisposeQuietlyAsync(transaction).ConfigureAwait(false);
        }

        return group.To;
    }

    /// <summary>Waits for the group commit left running by <see cref="StartCommitAsync"/>, if any (its failure surfaces here).</summary>
    public Task WaitForRunningCommitAsync() => SettleAsync();

    /// <summary>True while a group commit started by <see cref="StartCommitAsync"/> has not been settled.</summary>
    public bool CommitRunning => _committing is not null;

    private static async Task DisposeQuietlyAsync(MySqlTransaction transaction)
    {
        try
        {
            await transaction.DisposeAsync().ConfigureAwait(false);
        }
        catch (MySqlException)
        {
            // The session is already gone; the server rolled the transaction back.
        }
    }

    private void Reset()
    {
        _pending = null;
        _share.Clear();
        PendingTransactions = 0;
        batch.Commit();
    }

    private async Task EndTransactionAsync(CancellationToken cancellationToken)
    {
        await CommitOrCancelAsync(_transaction!, cancellationToken).ConfigureAwait(false);
        await _transaction!.DisposeAsync().ConfigureAwait(false);
        _transaction = null;
    }

    private static async Task CommitOrCancelAsync(MySqlTransaction transaction, CancellationToken cancellationToken)
    {
        try
        {
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (MySqlException ex) when (ex.ErrorCode == MySqlErrorCode.QueryInterrupted && cancellationToken.IsCancellationRequested)
        {
            // MySqlConnector cancels a running statement with KILL QUERY; a COMMIT it interrupts can surface as the
            // server's error 1317 instead of a cancellation (seen under load in CrashSafetyTests). Whether it
            // committed is unknown either way, and need not be known: the checkpoint row is in this transaction, so
            // the next run starts from where the target really is.
            throw new OperationCanceledException("The target commit was interrupted by the cancellation.", ex, cancellationToken);
        }
    }

    /// <summary>A group being committed: the checkpoint before it, its own, and how many source transactions it holds.</summary>
    private sealed record CommitGroup(ReplicationCheckpoint From, ReplicationCheckpoint To, long Transactions);
}
