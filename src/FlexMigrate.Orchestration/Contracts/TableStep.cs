namespace FlexMigrate.Orchestration.Contracts;

/// <summary>Input of the per-table activities (add indexes, validate).</summary>
/// <param name="Request">The migration.</param>
/// <param name="Table">The table as the plan listed it.</param>
/// <param name="Catalog">The source schema the plan stored (<see cref="MigrationPlan.Catalog"/>), where adding indexes
/// takes the table's definition from; null reads it from the source (the online catch-up, after replicated DDL).</param>
public sealed record TableStep(MigrationRequest Request, TableWork Table, FlexMigrate.Azure.Storage.PayloadReference? Catalog = null);
