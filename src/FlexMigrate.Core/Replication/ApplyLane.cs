using FlexMigrate.Core.Binlog;
using MySqlConnector;

namespace FlexMigrate.Core.Replication;

/// <summary>
/// One connection of the <see cref="ParallelChangeApplier"/>: applies its share of a window (transactions no other
/// lane's share conflicts with, in source order) in one target transaction and commits it with its record in the
/// window (<see cref="CheckpointCommitter.CommitShareAsync"/>). Counts go to the lane's own batch, which the
/// coordinator absorbs. Table shapes come from the coordinator's reader, which has read every table of the window
/// before the lanes start (lanes never query the source).
/// </summary>
internal sealed class ApplyLane : IAsyncDisposable
{
    // InnoDB chose this session as a deadlock victim (1213) or a lock wait timed out (1205): the lane's transaction
    // is rolled back and applied again once the other lanes have committed.
    private static readonly HashSet<int> LockConflictErrors = [1205, 1213];

    private readonly MySqlConnection _target;
    private readonly string _targetConnectionString;
    private readonly CheckpointCommitter _checkpoint;
    private readonly RowBatcher _rows;
    private readonly ReplicationScope _scope;
    private readonly Func<MySqlTransaction, MySqlBatchCommand?, CancellationToken, Task> _flushRows;

    private ApplyLane(string targetConnectionString, MySqlConnection target, ReplicationScope scope, ReplicationApplierOptions options,
        ReplicationBatch batch, ReplicatedTableReader tables, long statementBudget)
    {
        _targetConnectionString = targetConnectionString;
        _target = target;
        TargetConnectionId = target.ServerThread;
        _scope = scope;
        Batch = batch;
        _checkpoint = new CheckpointCommitter(target, options, batch);
        _rows = new RowBatcher(tables, batch, statementBudget);
        _flushRows = (transaction, trailing, cancellationToken) => _rows.FlushAsync(_target, transaction, trailing, cancellationToken);
    }

    /// <summary>The lane's counts, absorbed by the run's batch after each window.</summary>
    public ReplicationBatch Batch { get; }

    /// <summary>Thread id of the lane's target session (diagnostics and tests).</summary>
    // Read once, open: a lost session's ServerThread throws, and the id is wanted most after it was lost.
    public int TargetConnectionId { get; }

    /// <summary>A lane on a new target session (the applier's session settings, <see cref="ReplicationTargetSession"/>).</summary>
    public static async Task<ApplyLane> OpenAsync(string targetConnectionString, ReplicationScope scope, ReplicationApplierOptions options, ReplicationBatch run,
        ReplicatedTableReader tables, long statementBudget, CancellationToken cancellationToken)
    {
        var target = await ReplicationTargetSession.OpenAsync(targetConnectionString, cancellationToken).ConfigureAwait(false);
        return new ApplyLane(targetConnectionString, target, scope, options, new ReplicationBatch(options, run.Clock), tables, statementBudget);
    }

    /// <summary>
    /// Applies <paramref name="transactions"/> and commits them as this lane's share of <paramref name="window"/>
    /// with the current <paramref name="cascade"/> calls.
    /// </summary>
    public async Task<LaneOutcome> RunAsync(IReadOnlyList<BinlogTransaction> transactions, ApplyWindow window, CascadeCalls cascade,
        CancellationToken cancellationToken)
    {
        _rows.Cascade = cascade;
        try
        {
            await _checkpoint.BeginAsync(cancellationToken).ConfigureAwait(false);
            foreach (var source in transactions)
            {
                await _rows.AddRowsAsync(source.Changes, _scope, _target, _checkpoint.BeginAsync, cancellationToken).ConfigureAwait(false);
                _checkpoint.Include(source);
            }

            return await _checkpoint.CommitShareAsync(_flushRows, window, cancellationToken).ConfigureAwait(false)
                ? LaneOutcome.CompletedWindow : LaneOutcome.Committed;
        }
        catch (MySqlException ex) when (LockConflictErrors.Contains(ex.Number))
        {
            _rows.Discard();
            await _checkpoint.RollbackAsync(cancellationToken).ConfigureAwait(false);
            return LaneOutcome.LockConflict;
        }
        catch (MySqlException ex) when (ReplicationCommitException.IsRefusal(ex, cancellationToken) && transactions.Count > 0)
        {
            // Any other refusal fails the share as a group's commit would: its range, what it was writing, the target.
            throw ReplicationCommitException.Refused(transactions.Count, window.Start.Position, transactions[^1].EndPosition, _targetConnectionString,
                _rows.Writing, ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _checkpoint.DisposeAsync().ConfigureAwait(false);
        await _target.DisposeAsync().ConfigureAwait(false);
    }
}
