namespace FlexMigrate.Orchestration.Contracts;

/// <summary>Input of the per-table activities (plan chunks, add indexes, validate).</summary>
public sealed record TableStep(MigrationRequest Request, TableWork Table);
