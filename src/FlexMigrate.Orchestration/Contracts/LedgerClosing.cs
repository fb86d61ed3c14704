namespace FlexMigrate.Orchestration.Contracts;

/// <summary>Input of <see cref="Ledger.CloseLedgerActivity"/>: how a run ended.</summary>
public sealed record LedgerClosing(string MigrationId, int Run, MigrationOutcome Outcome, string TargetConnection);
