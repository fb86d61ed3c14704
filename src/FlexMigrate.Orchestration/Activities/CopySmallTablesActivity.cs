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
/// tables it had not finished and never duplicates a row. Index builds add only the indexes the target lacks. The
/// ledger's plans and attempts and the target's index names are read and written for the batch at once, not per table.
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
        var copied = new List<(TableWork, TableSchema?)>(input.Tables.Count);
        // The stored schema is fetched once per batch (a blob in Functions), not once per table.
        var catalog = await SchemaCatalogs.TablesAsync(payloads, input.Catalog);
        var tables = new List<(TableWork Work, TableSchema? Known, CopyTableSpec Spec)>(input.Tables.Count);
        foreach (var table in input.Tables)
        {
            var known = catalog?.GetValueOrDefault((table.Database, table.Table));
            tables.Add((table, known, known is null
                ? await CopyTableSpecReader.ReadAsync(source, table.Database, table.Table)
                : CopyTableSpecReader.FromShape(TableShapeFacts.Of(known))));
        }

        var plans = await PlanAsync(ledger, source, tables, input.ChunkRows);
        // Every whole-table chunk's attempt counted at once; with a throttle the batch may end before a table, whose
        // attempt is then counted when it starts (an attempt counted for a table never started reads as a retry).
        var started = ledger is not null && throttle is null
            ? await ledger.StartWholeTablesAsync([.. plans.Where(p => p.Value is [{ IsCopied: false }]).Select(p => p.Key)])
            : null;
        foreach (var (table, known, spec) in tables)
        {
            if (throttle is not null && await throttle.CheckAsync() is not null)
            {
                break;
            }

            var chunks = plans[(table.Database, table.Table)];
            if (chunks.Count != 1)
            {
                handled.Add(new SmallTableCopied(null, new TableChunks(await CopySpecs.PassAsync(payloads, context.InstanceId, spec),
                    [.. chunks.Select(c => c.Chunk)], [.. chunks.Where(c => c.IsCopied).Select(c => c.Chunk.Index)])));
                continue;
            }

            handled.Add(new SmallTableCopied(await CopyAsync(ledger, copier, source, target, spec, chunks[0],
                started?.GetValueOrDefault((table.Database, table.Table)), input.Run)));
            copied.Add((table, known));
        }

        // Indexes after the copies, on one session for the batch: a retried batch skips the copied tables' rows but
        // still reaches here with them, so a kill between a copy and its indexes leaves nothing missing.
        var notes = await SchemaSteps.AddIndexesAsync(source, target, input.Schema, copied, input.IncludeUnique);
        return new SmallTablesCopied(handled, notes, throttle?.Snapshot());
    }

    /// <summary>
    /// Each table's chunks: the ledger's stored plan, else a new plan stored first when there is a ledger. The stored
    /// plans are read, and the whole-table plans of small tables stored, for the batch at once (issue 20: five ledger
    /// round trips a table); a table planned to several chunks (its estimate grew) is stored on its own.
    /// </summary>
    private static async Task<Dictionary<(string Database, string Table), IReadOnlyList<LedgerChunk>>> PlanAsync(
        TargetLedger? ledger, string source, IReadOnlyList<(TableWork Work, TableSchema? Known, CopyTableSpec Spec)> tables, long chunkRows)
    {
        var keys = tables.Select(t => (t.Work.Database, t.Work.Table)).ToList();
        var stored = ledger is null ? null : await ledger.ReadTablesAsync(keys);
        var plans = new Dictionary<(string Database, string Table), IReadOnlyList<LedgerChunk>>();
        var whole = new List<(string Database, string Table)>();
        foreach (var (work, _, spec) in tables)
        {
            var key = (work.Database, work.Table);
            if (stored is not null && stored[key] is { Count: > 0 } plan)
            {
                plans[key] = plan;
                continue;
            }

            var planned = await new ChunkPlanner(work.ChunkRowsOf(chunkRows)).PlanAsync(source, spec);
            if (ledger is null)
            {
                plans[key] = [.. planned.Select(c => new LedgerChunk(c, planned.Count, 0, null, null, null))];
            }
            else if (planned is [var only] && only == CopyChunk.Whole)
            {
                whole.Add(key);
            }
            else
            {
                plans[key] = await ledger.PlanChunksAsync(spec.Database, spec.Table, planned);
            }
        }

        if (ledger is not null && whole.Count > 0)
        {
            foreach (var (key, plan) in await ledger.PlanWholeTablesAsync(whole))
            {
                plans[key] = plan;
            }
        }

        return plans;
    }

    /// <summary>
    /// Copies the table's one chunk (its attempt counted already when <paramref name="started"/> is given), or, when
    /// the ledger holds it as copied, returns what the ledger recorded for it
    /// when it was copied since this orchestration instance started (an earlier delivery of this batch committed it,
    /// its result never reached the instance), else nothing (an earlier instance copied and counted it). This is
    /// the chunk path's rule: a chunk the plan finds copied is not counted, one copied after the plan is.
    /// </summary>
    private static async Task<ChunkCopied> CopyAsync(TargetLedger? ledger, TableCopier copier, string source, string target, CopyTableSpec spec,
        LedgerChunk chunk, LedgerChunk? started, int? run)
    {
        if (chunk.IsCopied)
        {
            return run is null || chunk.CopiedInRun >= run ? new ChunkCopied(chunk.CopiedRows ?? 0, chunk.CopiedBytes ?? 0, 0) : new ChunkCopied(0, 0, 0);
        }

        ChunkCommitHook? completion = null;
        if (ledger is not null)
        {
            if ((started ?? await ledger.StartChunkAsync(spec.Database, spec.Table, chunk.Chunk.Index)) is { IsCopied: true } copied)
            {
                return new ChunkCopied(copied.CopiedRows ?? 0, copied.CopiedBytes ?? 0, 0);
            }

            completion = ledger.Completion(spec.Database, spec.Table, chunk.Chunk.Index);
        }

        var result = await copier.CopyChunkAsync(source, target, spec, chunk.Chunk, beforeCommit: completion);
        return new ChunkCopied(result.Rows, result.Bytes, (long)result.Elapsed.TotalMilliseconds);
    }
}
