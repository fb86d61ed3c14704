namespace FlexMigrate.Orchestration.Contracts;

/// <summary>Output of the chunk copy activity.</summary>
/// <param name="Rows">Rows written to the target.</param>
/// <param name="Bytes">Bytes read from the source.</param>
/// <param name="Milliseconds">Time the chunk took.</param>
/// <param name="Throttle">What the migration's throttle saw (null without throttle conditions).</param>
/// <param name="Deferred">True when the chunk did not start because a throttle condition held: copy it again later.</param>
public sealed record ChunkCopied(long Rows, long Bytes, long Milliseconds, Core.Throttling.ThrottleSnapshot? Throttle = null, bool Deferred = false);
