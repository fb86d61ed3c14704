namespace FlexMigrate.Orchestration.Contracts;

/// <summary>What the migration will do, read from the source schema by the planning activity.</summary>
/// <param name="Tables">Tables to copy, largest first so the long ones start early.</param>
/// <param name="Notes">Findings made while planning.</param>
public sealed record MigrationPlan(IReadOnlyList<TableWork> Tables, IReadOnlyList<MigrationNote> Notes);
