namespace FlexMigrate.Orchestration.Contracts;

/// <summary>Input of the chunk copy activity: one primary-key range of one table.</summary>
/// <param name="Request">The migration (connection names and options).</param>
/// <param name="Table">The table.</param>
/// <param name="Index">Position of the chunk in the table's plan (0-based).</param>
/// <param name="Count">Chunks in the table's plan.</param>
public sealed record ChunkStep(MigrationRequest Request, TableWork Table, int Index, int Count);
