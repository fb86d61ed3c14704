namespace FlexMigrate.Orchestration.Contracts;

/// <summary>Output of the chunk copy activity.</summary>
/// <param name="Rows">Rows written to the target.</param>
/// <param name="Bytes">Bytes read from the source.</param>
/// <param name="Milliseconds">Time the chunk took.</param>
public sealed record ChunkCopied(long Rows, long Bytes, long Milliseconds);
