using FlexMigrate.Core.Copy;
using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Activities;

/// <summary>Splits one table into primary-key range chunks of about <see cref="MigrationOptions.ChunkRows"/> rows.</summary>
public sealed class PlanChunksActivity(IConnectionCatalog connections) : TaskActivity<TableStep, IReadOnlyList<ChunkStep>>
{
    public override async Task<IReadOnlyList<ChunkStep>> RunAsync(TaskActivityContext context, TableStep input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var source = connections.Resolve(input.Request.SourceConnection);
        var spec = await CopyTableSpecReader.ReadAsync(source, input.Table.Database, input.Table.Table);
        var chunks = await new ChunkPlanner(input.Request.Options.ChunkRows).PlanAsync(source, spec);
        return chunks.Select(c => new ChunkStep(input.Request, input.Table, c, chunks.Count)).ToList();
    }
}
