namespace FlexMigrate.Orchestration.Contracts;

/// <summary>Input of <see cref="Ledger.CloseLedgerActivity"/>: how the current run ended.</summary>
public sealed record LedgerClosing(string MigrationId, MigrationOutcome Outcome, string TargetConnection);
