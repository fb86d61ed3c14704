using FlexMigrate.Core.Chunking;
using FlexMigrate.Core.Copy;
using FlexMigrate.Core.Ledger;
using FlexMigrate.Core.Schema;
using FlexMigrate.Orchestration.Azure;
using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Activities;

/// <summary>
/// Plans, copies and indexes a batch of small tables in one call (issue 20): what <see cref="PlanChunksActivity"/>,
/// <see cref="CopyChunkActivity"/> and <see cref="AddIndexesActivity"/> do for a table, one table after another, so a
/// database of 10,000 five-row tables costs its orchestration a hundred activity completions instead of 30,000. Each
/// table keeps the chunk path's guarantees: its plan is stored in the ledger first (a resumed run gets it back), its
/// one chunk is copied by the same <see cref="TableCopier"/> with its completion written in the chunk's transaction,
/// and a chunk the ledger holds as copied is not copied again, so a retried or redelivered batch copies only the
/// tables it had not finished and never duplicates a row. Index builds add only the indexes the target lacks.
/// A table the source now estimates above one chunk (the plan's estimate was stale) is handed back with its chunks.
/// With throttle conditions the throttle is asked before each table; while one holds the batch ends there and the
/// orchestration hands out the rest again.
/// </summary>
public sealed class CopySmallTablesActivity(IConnectionCatalog connections, IPayloadStore? payloads = null)
    : TaskActivity<SmallTablesStep, SmallTablesCopied>
{
    public override async Task<SmallTablesCopied> RunAsync(TaskActivityContext context, SmallTablesStep input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var throttle = input.Throttle is { } settings ? Throttles.For(context.InstanceId, connections, input.SourceConnection, input.TargetConnection, settings) : null;
        var source = connections.Resolve(input.SourceConnection);
        var target = connections.Resolve(input.TargetConnection);
        await using var ledger = input.MigrationId is { } migrationId ? await TargetLedger.OpenAsync(target, migrationId) : null;
        var copier = new TableCopier { RowRate = throttle?.Rows };
        var handled = new List<SmallTableCopied>(input.Tables.Count);
        var notes = new List<MigrationNote>();
        // The stored schema is fetched once per batch (a blob in Functions), not once per table.
        var catalog = await SchemaCatalogs.TablesAsync(payloads, input.Catalog);
        foreach (var table in input.Tables)
        {
            if (throttle is not null && await throttle.CheckAsync() is not null)
            {
                break;
            }

            var known = catalog?.GetValueOrDefault((table.Database, table.Table));
            var spec = known is null
                ? await CopyTableSpecReader.ReadAsync(source, table.Database, table.Table)
                : CopyTableSpecReader.FromShape(TableShapeFacts.Of(known));
            var chunks = await PlanAsync(ledger, source, spec, table.ChunkRowsOf(input.ChunkRows));
            if (chunks.Count != 1)
            {
                handled.Add(new SmallTableCopied(null, new TableChunks(await CopySpecs.PassAsync(payloads, context.InstanceId, spec),
                    [.. chunks.Select(c => c.Chunk)], [.. chunks.Where(c => c.IsCopied).Select(c => c.Chunk.Index)])));
                continue;
            }

            handled.Add(new SmallTableCopied(await CopyAsync(ledger, copier, source, target, spec, chunks[0], input.Run)));
            notes.AddRange(await SchemaSteps.AddIndexesAsync(source, target, input.Schema, table, known, input.IncludeUnique));
        }

        return new SmallTablesCopied(handled, notes, throttle?.Snapshot());
    }

    /// <summary>The table's chunks: the ledger's stored plan, else a new plan (stored first when there is a ledger).</summary>
    private static async Task<IReadOnlyList<LedgerChunk>> PlanAsync(TargetLedger? ledger, string source, CopyTableSpec spec, long chunkRows)
    {
        if (ledger is not null && await ledger.ReadChunksAsync(spec.Database, spec.Table) is { Count: > 0 } stored)
        {
            return stored;
        }

        var planned = await new ChunkPlanner(chunkRows).PlanAsync(source, spec);
        return ledger is null
            ? [.. planned.Select(c => new LedgerChunk(c, planned.Count, 0, null, null, null))]
            : await ledger.PlanChunksAsync(spec.Database, spec.Table, planned);
    }

    /// <summary>
    /// Copies the table's one chunk, or, when the ledger holds it as copied, returns what the ledger recorded for it
    /// when it was copied since this orchestration instance started (an earlier delivery of this batch committed it,
    /// its result never reached the instance), else nothing (an earlier instance copied and counted it). This is
    /// the chunk path's rule: a chunk the plan finds copied is not counted, one copied after the plan is.
    /// </summary>
    private static async Task<ChunkCopied> CopyAsync(TargetLedger? ledger, TableCopier copier, string source, string target, CopyTableSpec spec,
        LedgerChunk chunk, int? run)
    {
        if (chunk.IsCopied)
        {
            return run is null || chunk.CopiedInRun >= run ? new ChunkCopied(chunk.CopiedRows ?? 0, chunk.CopiedBytes ?? 0, 0) : new ChunkCopied(0, 0, 0);
        }

        ChunkCommitHook? completion = null;
        if (ledger is not null)
        {
            if (await ledger.StartChunkAsync(spec.Database, spec.Table, chunk.Chunk.Index) is { IsCopied: true } copied)
            {
                return new ChunkCopied(copied.CopiedRows ?? 0, copied.CopiedBytes ?? 0, 0);
            }

            completion = ledger.Completion(spec.Database, spec.Table, chunk.Chunk.Index);
        }

        var result = await copier.CopyChunkAsync(source, target, spec, chunk.Chunk, beforeCommit: completion);
        return new ChunkCopied(result.Rows, result.Bytes, (long)result.Elapsed.TotalMilliseconds);
    }
}
