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
/// Takes one table's copy spec (its columns and chunking key) from the schema the plan stored (its shape, through
/// <see cref="CopyTableSpecReader.FromShape"/>; read from the source when none is stored) and splits the table into key-range chunks of about
/// <see cref="MigrationOptions.ChunkRows"/> rows. The spec is made here once for all the table's chunks and handed to
/// each chunk step: inline when small, else stored once by reference (when the host has a payload store), so neither
/// the source nor durable history sees it once per chunk. With a ledger, the first plan of the table is stored there
/// and a resumed run gets that same plan back (a new plan after source writes would draw other bounds), with the
/// chunks already copied. Retries are harmless: the ledger keeps the first plan stored.
/// </summary>
public sealed class PlanChunksActivity(IConnectionCatalog connections, IPayloadStore? payloads = null) : TaskActivity<PlanChunksStep, TableChunks>
{
    public override async Task<TableChunks> RunAsync(TaskActivityContext context, PlanChunksStep input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var source = connections.Resolve(input.SourceConnection);
        var spec = await SchemaCatalogs.TableAsync(payloads, input.Catalog, input.Table) is { } table
            ? CopyTableSpecReader.FromShape(TableShapeFacts.Of(table))
            : await CopyTableSpecReader.ReadAsync(source, input.Table.Database, input.Table.Table);
        var passed = await CopySpecs.PassAsync(payloads, context.InstanceId, spec);
        if (input.Ledger is not { } key)
        {
            return new TableChunks(passed, await new ChunkPlanner(input.Table.ChunkRowsOf(input.ChunkRows)).PlanAsync(source, spec));
        }

        await using var ledger = await TargetLedger.OpenAsync(connections.Resolve(key.TargetConnection), key.MigrationId);
        var stored = await ledger.ReadChunksAsync(spec.Database, spec.Table);
        if (stored.Count == 0)
        {
            stored = await ledger.PlanChunksAsync(spec.Database, spec.Table, await new ChunkPlanner(input.Table.ChunkRowsOf(input.ChunkRows)).PlanAsync(source, spec));
        }

        return new TableChunks(passed, [.. stored.Select(c => c.Chunk)], [.. stored.Where(c => c.IsCopied).Select(c => c.Chunk.Index)]);
    }
}
