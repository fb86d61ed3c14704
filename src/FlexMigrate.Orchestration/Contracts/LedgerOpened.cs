namespace FlexMigrate.Orchestration.Contracts;

/// <summary>What the ledger holds when a run starts: a first run has nothing done.</summary>
/// <param name="Run">This run's number (1 for the first).</param>
/// <param name="ResumedFromPhase">The phase the previous run reached; null for the first run.</param>
/// <param name="ChunksSkipped">Chunks already copied (not copied again).</param>
/// <param name="ChunksRedone">Chunks a stopped run was copying (copied again).</param>
/// <param name="DoneSteps">The ledger steps done (<see cref="Core.Ledger.LedgerSteps"/> names).</param>
public sealed record LedgerOpened(int Run, string? ResumedFromPhase, int ChunksSkipped, int ChunksRedone, IReadOnlyList<string> DoneSteps)
{
    /// <summary>Online: P0 as an earlier run recorded it (a resume replays from there, whatever it copies later); null when none did.</summary>
    public SourcePositionRecorded? StartPosition { get; init; }

    /// <summary>Online with reverse replication: the forward cutover an earlier run completed; null when none did.</summary>
    public ReverseStartRecorded? Reverse { get; init; }

    /// <summary>The old source's position a rollback recorded at "source ready" (null: no rollback, or one recorded without it).</summary>
    public SourcePositionRecorded? RolledBackAt { get; init; }

    /// <summary>A forward-again round an earlier run began after a rollback; null when none did.</summary>
    public ForwardAgainRecorded? ForwardAgain { get; init; }

    /// <summary>
    /// Where this run replicates forward again without a copy: right after a rollback (the reverse start and the
    /// rollback's position), or in a forward-again round a stopped run began. Null otherwise.
    /// </summary>
    public ForwardAgainRecorded? ForwardAgainFrom => Reverse is { } reverse
        ? RolledBackAt is { } from ? new ForwardAgainRecorded(from, reverse.OldSourceWasReadOnly, reverse.TargetReady.ReadOnly, reverse.Forward) : null
        : ForwardAgain;

    /// <summary>True when this run continues an earlier one.</summary>
    public bool IsResume => Run > 1;

    /// <summary>Whether the ledger holds <paramref name="step"/>.</summary>
    public bool Done(string step) => DoneSteps.Contains(step, StringComparer.Ordinal);
}
