using FlexMigrate.Core.Copy;

namespace FlexMigrate.Orchestration.Contracts;

/// <summary>Input of the chunk copy activity: one primary-key range of one table.</summary>
/// <param name="Request">The migration (connection names and options).</param>
/// <param name="Table">The table.</param>
/// <param name="Chunk">The key range (bounds are exact typed key values; null means open).</param>
/// <param name="Count">Chunks in the table's plan.</param>
public sealed record ChunkStep(MigrationRequest Request, TableWork Table, CopyChunk Chunk, int Count);
