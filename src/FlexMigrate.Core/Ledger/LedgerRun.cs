namespace FlexMigrate.Core.Ledger;

/// <summary>One run of a migration: the first, or a resume.</summary>
/// <param name="Run">1 for the first run, then 2, 3, ...</param>
/// <param name="InstanceId">The run's key: the durable instance that ran it (plus the process start when a process
/// continued that instance from a state store).</param>
/// <param name="StartedUtc">When it started.</param>
/// <param name="ResumedFromPhase">The phase the previous run had reached; null for the first run.</param>
/// <param name="ChunksSkipped">Chunks already copied when it started (not copied again).</param>
/// <param name="ChunksRedone">Chunks a stopped run was copying when it started (copied again, idempotently).</param>
/// <param name="RowsCopied">Rows this run copied.</param>
/// <param name="EndedUtc">When it ended; null while running or when its process died.</param>
/// <param name="Outcome">How it ended; null while running or when its process died.</param>
public sealed record LedgerRun(
    int Run,
    string InstanceId,
    DateTime StartedUtc,
    string? ResumedFromPhase,
    int ChunksSkipped,
    int ChunksRedone,
    long RowsCopied,
    DateTime? EndedUtc,
    string? Outcome);
