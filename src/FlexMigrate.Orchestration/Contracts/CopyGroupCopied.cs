using FlexMigrate.Core.Schema;

namespace FlexMigrate.Orchestration.Contracts;

/// <summary>
/// Output of <see cref="Pipeline.CopyGroupOrchestrator"/>: a summary a few bytes per table (the parent knows the tables,
/// in the group's order), so a group of hundreds of tables adds kilobytes, not their specs, to the parent's history.
/// </summary>
/// <param name="Rows">Rows copied per table, in the group's order (0 for a table handed back).</param>
/// <param name="Bytes">Bytes read per table, in the group's order.</param>
/// <param name="Milliseconds">Copy time per table, in the group's order.</param>
/// <param name="HandedBack">Tables the source now estimates above one chunk: the parent copies their chunks through
/// the chunk path, then adds their indexes.</param>
/// <param name="Notes">Notes of the index builds.</param>
/// <param name="Throttle">What the group's last batch saw of the throttle; null without throttle conditions.</param>
public sealed record CopyGroupCopied(IReadOnlyList<long> Rows, IReadOnlyList<long> Bytes, IReadOnlyList<long> Milliseconds,
    IReadOnlyList<HandedBackTable> HandedBack, IReadOnlyList<MigrationNote> Notes, Core.Throttling.ThrottleSnapshot? Throttle = null);

/// <summary>A table of a group handed back with its chunks.</summary>
/// <param name="Index">Its position in the group.</param>
/// <param name="Chunks">Its chunks, without those an earlier run copied.</param>
public sealed record HandedBackTable(int Index, TableChunks Chunks);
