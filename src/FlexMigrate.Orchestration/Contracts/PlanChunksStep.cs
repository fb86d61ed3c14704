namespace FlexMigrate.Orchestration.Contracts;

/// <summary>Input of the chunk planning activity: one table and the chunk size.</summary>
/// <param name="SourceConnection">Name of the source connection.</param>
/// <param name="Table">The table as the plan listed it.</param>
/// <param name="ChunkRows">Rows per key-range chunk (<see cref="MigrationOptions.ChunkRows"/>).</param>
/// <param name="Ledger">The migration's ledger: the plan is stored there on the first run and read back on a resume
/// (the same key ranges), with the chunks already copied; null plans without one.</param>
/// <param name="Catalog">The source schema the plan stored (<see cref="MigrationPlan.Catalog"/>): the copy spec comes from
/// the table's shape there; null reads the table's columns and keys from the source.</param>
public sealed record PlanChunksStep(
    string SourceConnection, TableWork Table, long ChunkRows, LedgerKey? Ledger = null, FlexMigrate.Azure.Storage.PayloadReference? Catalog = null);
