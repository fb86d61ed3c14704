using FlexMigrate.Core.Cutover;
using FlexMigrate.Core.Schema;
using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Activities;

/// <summary>Cutover: raises the target's AUTO_INCREMENT counters to the stopped source's. Idempotent.</summary>
public sealed class SyncAutoIncrementActivity(IConnectionCatalog connections) : TaskActivity<MigrationRequest, IReadOnlyList<MigrationNote>>
{
    public override async Task<IReadOnlyList<MigrationNote>> RunAsync(TaskActivityContext context, MigrationRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var changed = await new AutoIncrementSync(connections.Resolve(input.SourceConnection), connections.Resolve(input.TargetConnection))
            .SyncAsync(SchemaSteps.Selection(input));
        return changed.Count == 0
            ? []
            : [new MigrationNote(NoteSeverity.Info, "AUTO_INCREMENT", $"Counters raised to the source's at cutover on {changed.Count} table(s): {string.Join(", ", changed.Take(20))}{(changed.Count > 20 ? ", ..." : "")}.")];
    }
}
