using FlexMigrate.Core.Copy;

namespace FlexMigrate.Orchestration.Contracts;

/// <summary>Output of the chunk planning activity: the table's copy spec (read once for all its chunks) and its key ranges.</summary>
/// <param name="Spec">The spec every chunk step of the table carries.</param>
/// <param name="Chunks">Ordered, contiguous key ranges covering the whole table.</param>
public sealed record TableChunks(CopySpecRef Spec, IReadOnlyList<CopyChunk> Chunks);
