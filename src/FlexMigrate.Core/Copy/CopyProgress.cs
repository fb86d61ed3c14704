namespace FlexMigrate.Core.Copy;

/// <summary>Running totals of one chunk's copy: rows read from the source and bytes sent to the target so far.</summary>
public sealed record CopyProgress(long Rows, long Bytes);

/// <summary>What one chunk copy did: rows written, bytes sent to the target (LOAD DATA text), and its duration.</summary>
public sealed record ChunkCopyResult(long Rows, long Bytes, TimeSpan Elapsed);
