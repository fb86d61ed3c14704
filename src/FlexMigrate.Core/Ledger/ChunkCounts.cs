namespace FlexMigrate.Core.Ledger;

/// <summary>A migration's copy progress by chunk, as the ledger counts it.</summary>
/// <param name="Planned">Chunks in the plan.</param>
/// <param name="Copied">Chunks whose rows and completion committed.</param>
/// <param name="InFlight">Chunks started and not committed: those a stopped process was copying (redone on resume).</param>
/// <param name="Repeated">Chunks started more than once: the copies a kill or a retry made again.</param>
public sealed record ChunkCounts(int Planned, int Copied, int InFlight, int Repeated);
