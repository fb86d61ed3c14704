using FlexMigrate.Core.Copy;

namespace FlexMigrate.Orchestration.Contracts;

/// <summary>
/// Input of the chunk copy activity: one key range of one table, by names and bounds only. Durable history holds one
/// per chunk, so it stays a few hundred bytes whatever the request: the connections by name, the table's copy spec
/// (inline when small, else a reference to the one copy stored per table) and the range.
/// </summary>
/// <param name="SourceConnection">Name of the source connection.</param>
/// <param name="TargetConnection">Name of the target connection.</param>
/// <param name="Spec">The table's columns and key, read once when its chunks were planned.</param>
/// <param name="Chunk">The key range (bounds are exact typed key values; null means open).</param>
/// <param name="MigrationId">The migration whose ledger records the chunk's completion in the chunk's own transaction;
/// null copies without a ledger.</param>
/// <param name="Throttle">The throttle conditions in force when the chunk was handed out; null when none is set (the
/// payload then stays as small as before).</param>
public sealed record ChunkStep(string SourceConnection, string TargetConnection, CopySpecRef Spec, CopyChunk Chunk,
    string? MigrationId = null, Core.Throttling.ThrottleSettings? Throttle = null);
