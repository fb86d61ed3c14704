namespace FlexMigrate.Orchestration.Contracts;

/// <summary>Input of <see cref="Ledger.RecordPhaseActivity"/>: the phase a migration entered.</summary>
public sealed record LedgerPhase(string MigrationId, MigrationPhase Phase, string TargetConnection);
