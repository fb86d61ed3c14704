using FlexMigrate.Core.Copy;
using FlexMigrate.Core.Ledger;
using FlexMigrate.Orchestration.Azure;
using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Activities;

/// <summary>
/// Copies one key range. Idempotent: the copier replaces the range inside one target transaction, so a retry
/// after a crash or a lost acknowledgement leaves exactly the source's rows. With a ledger, the chunk's completion
/// is written in that same transaction (both or neither), and a chunk the ledger already holds as copied (the
/// activity retried, or delivered again after its process died, between commit and acknowledgement) is not copied
/// again: the activity returns what the ledger recorded for it. With throttle conditions it asks the migration's
/// throttle first: while one holds it returns at once, deferred, without touching the chunk (the orchestration hands
/// it out again), else it copies at the --max-rows-per-second pace (docs/throttling.md).
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

        var spec = await CopySpecs.TakeAsync(payloads, input.Spec);
        var target = connections.Resolve(input.TargetConnection);
        ChunkCommitHook? completion = null;
        if (input.MigrationId is { } migrationId)
        {
            await using var ledger = await TargetLedger.OpenAsync(target, migrationId);
            if (await ledger.StartChunkAsync(spec.Database, spec.Table, input.Chunk.Index) is { IsCopied: true } copied)
            {
                // Committed by this instance before its acknowledgement was lost: its rows count as copied, once.
                return new ChunkCopied(copied.CopiedRows ?? 0, copied.CopiedBytes ?? 0, 0, throttle?.Snapshot());
            }

            completion = ledger.Completion(spec.Database, spec.Table, input.Chunk.Index);
        }

        var result = await new TableCopier { RowRate = throttle?.Rows }.CopyChunkAsync(connections.Resolve(input.SourceConnection), target, spec, input.Chunk,
            beforeCommit: completion);
        return new ChunkCopied(result.Rows, result.Bytes, (long)result.Elapsed.TotalMilliseconds, throttle?.Snapshot());
    }
}
