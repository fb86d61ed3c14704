namespace FlexMigrate.Orchestration.Contracts;

/// <summary>The source's binlog end at a moment of the migration, and whether the source was read-only then.</summary>
/// <param name="Position">Binlog end (file:offset and GTID state).</param>
/// <param name="ReadOnly">The source's global read_only.</param>
public sealed record SourcePositionRecorded(ReplicationPosition Position, bool ReadOnly);
