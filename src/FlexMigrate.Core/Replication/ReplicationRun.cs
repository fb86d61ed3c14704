using FlexMigrate.Core.Binlog;
using MySqlConnector;

namespace FlexMigrate.Core.Replication;

/// <summary>
/// One attempt of a batch, composed of the replay roles: the <see cref="ReplicationStreamer"/> reads whole source
/// transactions from the stored checkpoint, the <see cref="ChangeApplier"/> applies them (statements as
/// <see cref="DdlPolicy"/> decides) and the <see cref="CheckpointCommitter"/> commits each group of them together with
/// the checkpoint. A lost target connection ends the attempt; <see cref="ReplicationApplier"/> starts another from the
/// checkpoint that committed. With <see cref="ReplicationApplierOptions.ApplyThreads"/> above 1 the
/// <see cref="ParallelChangeApplier"/> spreads non-conflicting transactions over several target connections.
/// </summary>
internal sealed class ReplicationRun(string sourceConnectionString, string targetConnectionString, ReplicationScope scope,
    ReplicationApplierOptions options, ScopeTablesCache scopeTables, ReplicationBatch batch) : IAsyncDisposable
{
    private readonly ReplicationStreamer _streamer = new(sourceConnectionString, scope, options);
    private MySqlConnection? _target;
    private MySqlConnection? _source;
    private CheckpointCommitter? _checkpoint;
    private ITransactionApplier? _applier;
    private int _targetId;
    private BinlogPosition? _stopAt;

    /// <summary>The target session doing most of the writes (a lane's under parallel apply), 0 before one is open.</summary>
    public int TargetConnectionId => _applier?.TargetConnectionId ?? _targetId;

    // How long a non-empty group waits for the next transaction before committing.
    private static TimeSpan CommitGrace => TimeSpan.FromMilliseconds(5);

    public async Task OpenAsync(ReplicationCheckpoint from, CancellationToken cancellationToken)
    {
        _target = await ReplicationTargetSession.OpenAsync(targetConnectionString, cancellationToken).ConfigureAwait(false);
        _targetId = _target.ServerThread;
        _checkpoint = new CheckpointCommitter(_target, options, batch);
        await _checkpoint.ResumeAsync(from, cancellationToken).ConfigureAwait(false);
        _source = new MySqlConnection(sourceConnectionString);
        await _source.OpenAsync(cancellationToken).ConfigureAwait(false);
        var applier = await ChangeApplier.CreateAsync(sourceConnectionString, targetConnectionString, scope, options, scopeTables, batch, _source, _target, _checkpoint,
            cancellationToken).ConfigureAwait(false);
        _applier = options.ApplyThreads > 1 ? new ParallelChangeApplier(targetConnectionString, scope, options, batch, _checkpoint, applier) : applier;
        _stopAt = options.StopAt ?? (options.StopAtSourceEnd ? await _streamer.SourceEndAsync(cancellationToken).ConfigureAwait(false) : null);
    }

    /// <summary>
    /// The loop: the streamer decodes into a bounded channel while this one applies (decode and apply overlap on two
    /// cores). A group commits when full, or when the channel stays empty for <see cref="CommitGrace"/> (applied changes
    /// are not held back); the batch ends when out of time or transactions, after
    /// <see cref="ReplicationApplierOptions.IdleReturn"/> without a new transaction, or once idle at
    /// <see cref="ReplicationApplierOptions.StopAt"/> (or the source's end when it opened, <see cref="ReplicationApplierOptions.StopAtSourceEnd"/>).
    /// </summary>
    public async Task ApplyAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var (transactions, reading) = _streamer.Start(_checkpoint!.Committed.Position, stop.Token);
        try
        {
            var lastArrival = batch.Clock.Elapsed;
            while (!batch.OutOfTime)
            {
                if (transactions.TryRead(out var transaction))
                {
                    if (!await ThrottleAllowsAsync(transaction, cancellationToken).ConfigureAwait(false))
                    {
                        // Throttled: the batch ends at the last whole transaction (the next one is read again next batch).
                        break;
                    }

                    lastArrival = batch.Clock.Elapsed;
                    await _applier!.ApplyAsync(transaction, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (_applier!.PendingTransactions > 0)
                {
                    if (await ReplicationStreamer.WaitAsync(transactions, CommitGrace, cancellationToken).ConfigureAwait(false) is not false)
                    {
                        continue;
                    }

                    if (_applier.CommitRunning)
                    {
                        // Not idle: the target is executing the group before. Committing the few transactions read
                        // since would queue a small group behind it and fragment every later one (measured: 1.7x
                        // slower); wait for it, then look at the stream again.
                        await _applier.WaitForRunningCommitAsync().ConfigureAwait(false);
                        continue;
                    }

                    await _applier.CommitAsync(cancellationToken).ConfigureAwait(false);
                }

                if (_stopAt is { } end && _checkpoint!.Committed.Position >= end)
                {
                    // Drained: everything up to the stopped source's final position (or the end it had) is committed.
                    break;
                }

                var idleLeft = IdleReturn - (batch.Clock.Elapsed - lastArrival);
                var wait = Min(options.MaxBatchDuration - batch.Clock.Elapsed, idleLeft);
                if (wait <= TimeSpan.Zero)
                {
                    break;
                }

                if (await ReplicationStreamer.WaitAsync(transactions, wait, cancellationToken).ConfigureAwait(false) is null)
                {
                    // The stream ended: surface the reader's failure, if any.
                    await transactions.Completion.ConfigureAwait(false);
                    break;
                }
            }

            await _applier!.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await reading.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
        }
    }

    /// <summary>True when the migration's throttle lets <paramref name="transaction"/> be applied (after pacing its rows).</summary>
    private async Task<bool> ThrottleAllowsAsync(BinlogTransaction transaction, CancellationToken cancellationToken)
    {
        if (options.Throttle is not { } throttle)
        {
            return true;
        }

        if (await throttle.CheckAsync(cancellationToken).ConfigureAwait(false) is not null)
        {
            return false;
        }

        await throttle.Rows.TakeAsync(transaction.Changes.Count, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Source end, lag and the committed checkpoint; advances the checkpoint over a transaction-free tail (rotation).</summary>
    public async Task<ReplicationBatchResult> ResultAsync(CancellationToken cancellationToken)
    {
        var sourceEnd = await _streamer.SourceEndAsync(cancellationToken).ConfigureAwait(false);
        if (_checkpoint!.Committed.Position < sourceEnd
            && await _streamer.NoTransactionsBetweenAsync(_checkpoint.Committed.Position, sourceEnd, cancellationToken).ConfigureAwait(false))
        {
            // Only rotation and file-header events lie between: the end itself is a valid, equivalent resume point.
            await _checkpoint.AdvanceAsync(sourceEnd, cancellationToken).ConfigureAwait(false);
        }

        var committed = _checkpoint.Committed;
        var caughtUp = committed.Position >= sourceEnd;
        var counts = batch.Committed;
        var lagSeconds = caughtUp || batch.LastCommittedTimestamp is null
            ? 0
            : Math.Max(0, (DateTimeOffset.UtcNow - batch.LastCommittedTimestamp.Value).TotalSeconds);
        var lagBytes = caughtUp ? 0
            : string.Equals(sourceEnd.File, committed.Position.File, StringComparison.Ordinal) ? (long)(sourceEnd.Offset - committed.Position.Offset)
            : (long)sourceEnd.Offset;
        return new ReplicationBatchResult(committed, sourceEnd, counts.Transactions, counts.Inserted, counts.Updated, counts.Deleted,
            counts.Cascaded, counts.Ddl, lagSeconds, lagBytes, caughtUp, [.. batch.Notes]);
    }

    public async ValueTask DisposeAsync()
    {
        if (_checkpoint is not null)
        {
            await _checkpoint.DisposeAsync().ConfigureAwait(false);
        }

        if (_target is not null)
        {
            await _target.DisposeAsync().ConfigureAwait(false);
        }

        if (_source is not null)
        {
            await _source.DisposeAsync().ConfigureAwait(false);
        }

        if (_applier is not null)
        {
            await _applier.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    // While draining to a stop position a pause in the stream ends the batch sooner: the caller's drain loop starts the
    // next one at once (and the result advances the checkpoint over a transaction-free tail up to the final position).
    private TimeSpan IdleReturn => _stopAt is null ? options.IdleReturn : Min(options.IdleReturn, DrainIdleReturn);

    private static TimeSpan DrainIdleReturn => TimeSpan.FromMilliseconds(100);
}
