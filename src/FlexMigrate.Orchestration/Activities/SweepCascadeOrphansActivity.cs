using FlexMigrate.Core.Replication;
using FlexMigrate.Core.Schema;
using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Activities;

/// <summary>
/// Online migrations, once replay has passed the copy's end: removes child rows that cascades deleted on the
/// source through a row the copy never saw (see <see cref="CascadeOrphanSweeper"/>). Idempotent: a second run finds
/// nothing to change.
/// </summary>
public sealed class SweepCascadeOrphansActivity(IConnectionCatalog connections) : TaskActivity<MigrationRequest, IReadOnlyList<MigrationNote>>
{
    public override async Task<IReadOnlyList<MigrationNote>> RunAsync(TaskActivityContext context, MigrationRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (deleted, updated) = await new CascadeOrphanSweeper(connections.Resolve(input.SourceConnection), connections.Resolve(input.TargetConnection))
            .SweepAsync(input.Databases);
        return deleted + updated == 0
            ? []
            : [new MigrationNote(NoteSeverity.Info, "foreign keys",
                $"After catch-up, {deleted} child row(s) deleted and {updated} re-pointed that source cascades had changed through rows copied at another moment.")];
    }
}
