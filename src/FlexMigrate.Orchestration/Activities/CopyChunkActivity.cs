using FlexMigrate.Core.Copy;
using FlexMigrate.Orchestration.Azure;
using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Activities;

/// <summary>
/// Copies one key range. Idempotent: the copier replaces the range inside one target transaction, so a retry
/// after a crash or a lost acknowledgement leaves exactly the source's rows. With throttle conditions it asks the
/// migration's throttle first: while one holds it returns at once, deferred, without touching the chunk (the
/// orchestration hands it out again), else it copies at the --max-rows-per-second pace (docs/throttling.md).
/// </summary>
public sealed class CopyChunkActivity(IConnectionCatalog connections, IPayloadStore? payloads = null) : TaskActivity<ChunkStep, ChunkCopied>
{
    public override async Task<ChunkCopied> RunAsync(TaskActivityContext context, ChunkStep input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var throttle = input.Throttle is { } settings ? Throttles.For(context.InstanceId, connections, input.SourceConnection, input.TargetConnection, settings) : null;
        if (throttle is not null && await throttle.CheckAsync() is not null)
        {
            return new ChunkCopied(0, 0, 0, throttle.Snapshot(), Deferred: true);
        }

        var result = await new TableCopier { RowRate = throttle?.Rows }.CopyChunkAsync(connections.Resolve(input.SourceConnection), connections.Resolve(input.TargetConnection),
            await CopySpecs.TakeAsync(payloads, input.Spec), input.Chunk);
        return new ChunkCopied(result.Rows, result.Bytes, (long)result.Elapsed.TotalMilliseconds, throttle?.Snapshot());
    }
}
