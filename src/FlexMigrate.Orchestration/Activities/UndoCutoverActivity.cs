using FlexMigrate.Core.Cutover;
using FlexMigrate.Core.Schema;
using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Activities;

/// <summary>A cutover that could not switch the target on drops the triggers and events it created. Idempotent.</summary>
public sealed class UndoCutoverActivity(IConnectionCatalog connections) : TaskActivity<MigrationRequest, IReadOnlyList<MigrationNote>>
{
    public override async Task<IReadOnlyList<MigrationNote>> RunAsync(TaskActivityContext context, MigrationRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var dropped = await new TargetSwitchUndo(connections.Resolve(input.TargetConnection)).UndoAsync(SchemaSteps.Selection(input));
        return dropped.Count == 0
            ? []
            : [new MigrationNote(NoteSeverity.Warning, "cutover", $"Cutover undone: dropped {string.Join(", ", dropped)} on the target.")];
    }
}
