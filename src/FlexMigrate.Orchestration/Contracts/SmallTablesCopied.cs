using FlexMigrate.Core.Schema;

namespace FlexMigrate.Orchestration.Contracts;

/// <summary>
/// Output of <see cref="Activities.CopySmallTablesActivity"/>: what became of each table of the batch, in the batch's
/// order, up to where a throttle condition stopped it (the rest is handed out again).
/// </summary>
/// <param name="Tables">One entry per table handled, in batch order.</param>
/// <param name="Notes">Notes of the index builds.</param>
/// <param name="Throttle">The throttle's state when the batch ended; null without throttle conditions.</param>
public sealed record SmallTablesCopied(IReadOnlyList<SmallTableCopied> Tables, IReadOnlyList<MigrationNote> Notes,
    Core.Throttling.ThrottleSnapshot? Throttle = null);

/// <summary>One table of a small-table batch: copied (and indexed) here, or handed back with its chunks.</summary>
/// <param name="Copied">The table's one chunk as copied (or as the ledger recorded it); null when handed back.</param>
/// <param name="Chunks">The table's chunks when the source now estimates it above one chunk: the orchestration copies
/// them through the chunk path, then adds the table's indexes; null when copied here.</param>
public sealed record SmallTableCopied(ChunkCopied? Copied, TableChunks? Chunks = null);
