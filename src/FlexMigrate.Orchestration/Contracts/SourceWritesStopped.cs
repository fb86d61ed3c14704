namespace FlexMigrate.Orchestration.Contracts;

/// <summary>Result of stopping writes at cutover: the final source position replay must reach.</summary>
/// <param name="FinalPosition">The source's binlog end once writes stopped.</param>
/// <param name="ReadOnlySet">True when FlexMigrate switched read_only on (a failed cutover switches it back).</param>
public sealed record SourceWritesStopped(ReplicationPosition FinalPosition, bool ReadOnlySet);
