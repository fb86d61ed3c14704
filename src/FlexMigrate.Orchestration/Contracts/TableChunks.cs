using FlexMigrate.Core.Copy;

namespace FlexMigrate.Orchestration.Contracts;

/// <summary>Output of the chunk planning activity: the table's copy spec (read once for all its chunks) and its key ranges.</summary>
/// <param name="Spec">The spec every chunk step of the table carries.</param>
/// <param name="Chunks">Ordered, contiguous key ranges covering the whole table.</param>
/// <param name="Copied">Indexes of the chunks an earlier run of the migration copied (the ledger says so): not copied again.</param>
public sealed record TableChunks(CopySpecRef Spec, IReadOnlyList<CopyChunk> Chunks, IReadOnlyList<int>? Copied = null);
