using FlexMigrate.Core.Chunking;
using FlexMigrate.Core.Copy;
using FlexMigrate.Orchestration.Azure;
using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Activities;

/// <summary>
/// Reads one table's copy spec (its columns and chunking key) and splits the table into key-range chunks of about
/// <see cref="MigrationOptions.ChunkRows"/> rows. The spec is read here once for all the table's chunks and handed to
/// each chunk step: inline when small, else stored once by reference (when the host has a payload store), so neither
/// the source nor durable history sees it once per chunk. Read-only, so retries are harmless.
/// </summary>
public sealed class PlanChunksActivity(IConnectionCatalog connections, IPayloadStore? payloads = null) : TaskActivity<PlanChunksStep, TableChunks>
{
    public override async Task<TableChunks> RunAsync(TaskActivityContext context, PlanChunksStep input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var source = connections.Resolve(input.SourceConnection);
        var spec = await CopyTableSpecReader.ReadAsync(source, input.Table.Database, input.Table.Table);
        var chunks = await new ChunkPlanner(input.ChunkRows).PlanAsync(source, spec);
        return new TableChunks(await CopySpecs.PassAsync(payloads, context.InstanceId, spec), chunks);
    }
}
