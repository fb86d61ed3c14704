using System.Diagnostics;

namespace FlexMigrate.Core.Replication;

/// <summary>
/// Counts of one <see cref="ReplicationApplier.ApplyAsync"/> call across its attempts: changes are counted when
/// their target transaction commits, so a lost connection (replayed from the checkpoint) does not count twice.
/// </summary>
internal sealed class ReplicationBatch(ReplicationApplierOptions options, Stopwatch clock)
{
    private readonly List<string> _notes = [];
    private readonly HashSet<string> _noteSet = new(StringComparer.Ordinal);
    private Counts _committed;
    private Counts _committing;
    private Counts _pending;
    private DateTimeOffset? _committingTimestamp;

    public ReplicationApplierOptions Options { get; } = options;

    public Stopwatch Clock { get; } = clock;

    public IReadOnlyList<string> Notes => _notes;

    public ref Counts Pending => ref _pending;

    public Counts Committed => _committed;

    /// <summary>Source commit time of the last transaction applied and committed in this batch.</summary>
    public DateTimeOffset? LastCommittedTimestamp { get; private set; }

    public DateTimeOffset? PendingTimestamp { get; set; }

    /// <summary>Windows that more than one lane applied at once (parallel apply; diagnostics and tests).</summary>
    public long ParallelWindows { get; set; }

    public bool OutOfTime => Clock.Elapsed >= Options.MaxBatchDuration
        || _committed.Transactions + _committing.Transactions + _pending.Transactions >= Options.MaxTransactions;

    public void Note(string note)
    {
        if (_noteSet.Add(note))
        {
            _notes.Add(note);
        }
    }

    /// <summary>The pending changes were committed.</summary>
    public void Commit()
    {
        StartCommit();
        EndCommit();
    }

    /// <summary>
    /// The pending changes' commit was sent and has not returned yet (<see cref="CheckpointCommitter.StartCommitAsync"/>):
    /// they count as committed at <see cref="EndCommit"/>, while the next group's changes gather as pending.
    /// </summary>
    public void StartCommit()
    {
        _committing = _pending;
        _pending = default;
        _committingTimestamp = PendingTimestamp;
        PendingTimestamp = null;
    }

    /// <summary>The commit started by <see cref="StartCommit"/> returned.</summary>
    public void EndCommit()
    {
        _committed.Add(_committing);
        _committing = default;
        LastCommittedTimestamp = _committingTimestamp ?? LastCommittedTimestamp;
        _committingTimestamp = null;
    }

    /// <summary>Takes over what a lane's own batch committed (parallel apply), leaving it empty.</summary>
    public void Absorb(ReplicationBatch lane)
    {
        _committed.Add(lane._committed);
        lane._committed = default;
        if (lane.LastCommittedTimestamp is { } at && (LastCommittedTimestamp is null || at > LastCommittedTimestamp))
        {
            LastCommittedTimestamp = at;
        }

        foreach (var note in lane._notes)
        {
            Note(note);
        }
    }

    public void DiscardUncommitted()
    {
        _pending = default;
        _committing = default;
        PendingTimestamp = null;
        _committingTimestamp = null;
    }

    /// <summary>What a batch counts.</summary>
    internal struct Counts
    {
        public long Transactions;
        public long Inserted;
        public long Updated;
        public long Deleted;
        public long Cascaded;
        public int Ddl;

        public void Add(Counts other)
        {
            Transactions += other.Transactions;
            Inserted += other.Inserted;
            Updated += other.Updated;
            Deleted += other.Deleted;
            Cascaded += other.Cascaded;
            Ddl += other.Ddl;
        }
    }
}
