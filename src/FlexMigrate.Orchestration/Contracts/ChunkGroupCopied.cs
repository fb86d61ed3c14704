namespace FlexMigrate.Orchestration.Contracts;

/// <summary>Output of <see cref="Pipeline.ChunkGroupOrchestrator"/>: what its chunks copied, summed (a few bytes whatever the group's size).</summary>
/// <param name="Chunks">Chunks copied (every chunk of the group: a group that could not copy one fails).</param>
/// <param name="Rows">Rows written to the target.</param>
/// <param name="Bytes">Bytes read from the source.</param>
/// <param name="Milliseconds">Time the chunks took, summed.</param>
/// <param name="Throttle">What the group's last chunk saw of the throttle; null without throttle conditions.</param>
public sealed record ChunkGroupCopied(int Chunks, long Rows, long Bytes, long Milliseconds, Core.Throttling.ThrottleSnapshot? Throttle = null);
