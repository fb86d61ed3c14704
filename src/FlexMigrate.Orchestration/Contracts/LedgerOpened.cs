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

    /// <summary>True when this run continues an earlier one.</summary>
    public bool IsResume => Run > 1;

    /// <summary>Whether the ledger holds <paramref name="step"/>.</summary>
    public bool Done(string step) => DoneSteps.Contains(step, StringComparer.Ordinal);
}
