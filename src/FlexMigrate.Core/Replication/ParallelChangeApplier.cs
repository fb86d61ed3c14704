using FlexMigrate.Core.Binlog;

namespace FlexMigrate.Core.Replication;

/// <summary>
/// Parallel apply (docs/replication.md, "Parallel apply"): gathers consecutive source transactions into a window,
/// splits it into lanes that share no conflict key (<see cref="ConflictKeys"/>, <see cref="LanePlanner"/>) and
/// applies the lanes at once, each on its own target connection (<see cref="ApplyLane"/>). The checkpoint is a
/// low-watermark: it stays before the window until every lane's share committed (<see cref="ApplyWindow"/>), and a
/// run that stops inside a window resumes skipping exactly the shares that committed. A transaction with a statement
/// (DDL, accounts) or a table neither server knows is a barrier: the window commits, then the transaction runs alone
/// through the one-connection <see cref="ChangeApplier"/>.
/// </summary>
internal sealed class ParallelChangeApplier(
    string targetConnectionString, ReplicationScope scope, ReplicationApplierOptions options, ReplicationBatch batch,
    CheckpointCommitter checkpoint, ChangeApplier serial) : ITransactionApplier
{
    private readonly ConflictKeys _keys = new(serial.Tables, scope);
    private readonly List<BinlogTransaction> _window = [];
    private readonly List<IReadOnlyCollection<long>> _windowKeys = [];
    private readonly List<int> _weights = [];
    private readonly List<ApplyLane> _lanes = [];

    private int _firstLaneConnectionId;

    public long PendingTransactions => _window.Count + serial.PendingTransactions;

    public int TargetConnectionId => _firstLaneConnectionId is not 0 and var lane ? lane : serial.TargetConnectionId;

    public async Task ApplyAsync(BinlogTransaction transaction, CancellationToken cancellationToken)
    {
        if (checkpoint.OpenWindow is { } open && transaction.EndPosition <= open.End.Position)
        {
            // Inside the window an earlier run left open: one connection, passing over the shares that committed.
            await serial.ApplyAsync(transaction, cancellationToken).ConfigureAwait(false);
            return;
        }

        // One-connection work still open (the rest of a resumed window) commits first: the windows start from its
        // checkpoint, and reading a table's shape from the target must not run inside its transaction.
        await serial.CommitAsync(cancellationToken).ConfigureAwait(false);
        _keys.Families = serial.Cascade;
        var keys = await _keys.OfAsync(transaction, cancellationToken).ConfigureAwait(false);
        if (keys is null)
        {
            await CommitAsync(cancellationToken).ConfigureAwait(false);
            await serial.ApplyAsync(transaction, cancellationToken).ConfigureAwait(false);
            await serial.CommitAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        serial.PassFirstTransaction();

        _window.Add(transaction);
        _windowKeys.Add(keys);
        _weights.Add(transaction.Changes.Count);
        if (_window.Count >= options.GroupCommitTransactions * options.ApplyThreads
            || batch.Committed.Transactions + _window.Count >= options.MaxTransactions)
        {
            await CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Applies the window's lanes at once and waits until every share committed; the checkpoint is then past it.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await serial.CommitAsync(cancellationToken).ConfigureAwait(false);
        if (_window.Count == 0)
        {
            return;
        }

        var window = new ApplyWindow(checkpoint.Committed, checkpoint.After(_window[^1]), _window.Count, new HashSet<BinlogPosition>());
        await RunLanesAsync(window, cancellationToken).ConfigureAwait(false);
        checkpoint.Adopt(window.End);
        _window.Clear();
        _windowKeys.Clear();
        _weights.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var lane in _lanes)
        {
            await lane.DisposeAsync().ConfigureAwait(false);
        }

        await serial.DisposeAsync().ConfigureAwait(false);
    }

    private async Task RunLanesAsync(ApplyWindow window, CancellationToken cancellationToken)
    {
        var plan = LanePlanner.Plan(_windowKeys, _weights, options.ApplyThreads);
        await OpenLanesAsync(plan.Count(p => p.Count > 0), cancellationToken).ConfigureAwait(false);
        await checkpoint.StoreCommittedAsync(cancellationToken).ConfigureAwait(false);
        var shares = plan.Where(p => p.Count > 0).Select(p => (IReadOnlyList<BinlogTransaction>)[.. p.Select(i => _window[i])]).ToList();
        var cascade = serial.Cascade;
        if (shares.Count > 1)
        {
            batch.ParallelWindows++;
        }

        var outcomes = await Task.WhenAll(shares.Select((share, i) => _lanes[i].RunAsync(share, window, cascade, cancellationToken))).ConfigureAwait(false);
        for (var i = 0; i < outcomes.Length; i++)
        {
            if (outcomes[i] == LaneOutcome.LockConflict)
            {
                // Alone now: nothing else holds locks on the target for this migration.
                outcomes[i] = await _lanes[i].RunAsync(shares[i], window, cascade, cancellationToken).ConfigureAwait(false);
                if (outcomes[i] == LaneOutcome.LockConflict)
                {
                    throw new InvalidOperationException(
                        $"A replay lane on {ReplicationApplier.Describe(targetConnectionString)} kept hitting lock waits or deadlocks even when applied alone: " +
                        "another session holds locks on the replicated tables. Find it in SHOW ENGINE INNODB STATUS, stop it and resume.");
                }
            }
        }

        foreach (var lane in _lanes)
        {
            batch.Absorb(lane.Batch);
        }

        if (!outcomes.Contains(LaneOutcome.CompletedWindow))
        {
            throw new InvalidOperationException(
                $"The lanes of the replay window {window.Start.Position} - {window.End.Position} committed, but their records in the checkpoint row do not " +
                "add up to the window. Resume: the window's committed transactions are passed over.");
        }
    }

    private async Task OpenLanesAsync(int count, CancellationToken cancellationToken)
    {
        while (_lanes.Count < count)
        {
            _lanes.Add(await ApplyLane.OpenAsync(targetConnectionString, scope, options, batch, serial.Tables, serial.StatementBudget, cancellationToken)
                .ConfigureAwait(false));
            _firstLaneConnectionId = _lanes[0].TargetConnectionId;
        }
    }
}
