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
    private Counts _pending;

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

    public bool OutOfTime => Clock.Elapsed >= Options.MaxBatchDuration || _committed.Transactions + _pending.Transactions >= Options.MaxTransactions;

    public void Note(string note)
    {
        if (_noteSet.Add(note))
        {
            _notes.Add(note);
        }
    }

    public void Commit()
    {
        _committed.Add(_pending);
        _pending = default;
        LastCommittedTimestamp = PendingTimestamp ?? LastCommittedTimestamp;
        PendingTimestamp = null;
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
        PendingTimestamp = null;
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
