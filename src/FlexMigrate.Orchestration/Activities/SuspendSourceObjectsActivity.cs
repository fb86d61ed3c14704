using FlexMigrate.Core.Cutover;
using FlexMigrate.Core.Schema;
using FlexMigrate.Core.Testing;
using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Activities;

/// <summary>
/// Start of reverse replication: drops the triggers and events of the migrated databases on the old source, so rows
/// applied back from the target never fire a trigger there (the target's triggers already ran and their effects are
/// row events in its binlog) and no event writes beside the applier. MySQL has no session switch that keeps triggers
/// from firing for ordinary statements (only the replica SQL thread skips them for row events), so the objects
/// themselves are removed; rollback and finish create them again from the target's definitions, as the forward
/// cutover creates them on the target. Idempotent (DROP ... IF EXISTS).
/// </summary>
public sealed class SuspendSourceObjectsActivity(IConnectionCatalog connections) : TaskActivity<MigrationRequest, IReadOnlyList<MigrationNote>>
{
    /// <param name="context">The activity context.</param>
    /// <param name="input">The migration as the forward direction names it (the old source is its source).</param>
    public override async Task<IReadOnlyList<MigrationNote>> RunAsync(TaskActivityContext context, MigrationRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var dropped = await new TargetSwitchUndo(connections.Resolve(input.SourceConnection)).UndoAsync(SchemaSteps.Selection(input));
        await PausePoint.ReachAsync("reverse-start");
        return dropped.Count == 0
            ? []
            : [new MigrationNote(NoteSeverity.Info, "reverse", $"Reverse replication: dropped {string.Join(", ", dropped)} on the old source while it replicates from the target; rollback and finish create them again from the target's definitions.")];
    }
}
