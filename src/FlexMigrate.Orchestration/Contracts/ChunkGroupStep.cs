using FlexMigrate.Core.Copy;

namespace FlexMigrate.Orchestration.Contracts;

/// <summary>
/// Input of <see cref="Pipeline.ChunkGroupOrchestrator"/>: a run of consecutive chunks of one large table, copied in a
/// sub-orchestration of its own (issue 20) so that a table of tens of thousands of chunks grows the parent's history by
/// a group, not by a chunk. Each chunk is the bounds the plan made; the table's spec travels once.
/// </summary>
/// <param name="SourceConnection">Name of the source connection.</param>
/// <param name="TargetConnection">Name of the target connection.</param>
/// <param name="Spec">The table's copy spec (inline when small, else a reference), as every chunk of the table has it.</param>
/// <param name="Chunks">The chunks to copy, in plan order, without those the ledger holds as copied by an earlier run.</param>
/// <param name="MigrationId">The migration whose ledger records each chunk's completion in the chunk's own transaction.</param>
/// <param name="Control">The parent's live control when the group was started (pause, parallelism, throttle conditions);
/// later commands are forwarded to the group as they arrive.</param>
public sealed record ChunkGroupStep(string SourceConnection, string TargetConnection, CopySpecRef Spec, IReadOnlyList<CopyChunk> Chunks,
    string? MigrationId, ThrottleStatus Control);
