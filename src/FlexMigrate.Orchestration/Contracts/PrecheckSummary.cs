namespace FlexMigrate.Orchestration.Contracts;

/// <summary>Output of the precheck activity: whether errors block the migration, and every finding.</summary>
public sealed record PrecheckSummary(bool Blocked, IReadOnlyList<MigrationNote> Findings);
