using FlexMigrate.Core.Cutover;
using FlexMigrate.Core.Schema;
using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Activities;

/// <summary>
/// Cutover (and rollback, reversed): creates the source's triggers and events on the target and raises its
/// AUTO_INCREMENT counters to the source's, in one activity with the parts at once (<see cref="TargetSwitch"/>):
/// one dispatch inside the write stop instead of three in a row, each of which read the whole source schema.
/// Idempotent: present objects are skipped and counters only go up; <see cref="UndoCutoverActivity"/> drops what a
/// failed switch created.
/// </summary>
public sealed class SwitchTargetOnActivity(IConnectionCatalog connections) : TaskActivity<MigrationRequest, TargetSwitched>
{
    public override async Task<TargetSwitched> RunAsync(TaskActivityContext context, MigrationRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var result = await new TargetSwitch(connections.Resolve(input.SourceConnection), connections.Resolve(input.TargetConnection), SchemaSteps.Options(input))
            .SwitchOnAsync(SchemaSteps.Selection(input));
        var raised = result.CountersRaised;
        IReadOnlyList<MigrationNote> notes = raised.Count == 0
            ? result.Notes
            : [.. result.Notes, new MigrationNote(NoteSeverity.Info, "AUTO_INCREMENT",
                $"Counters raised to the source's at cutover on {raised.Count} table(s): {string.Join(", ", raised.Take(20))}{(raised.Count > 20 ? ", ..." : "")}.")];
        return new TargetSwitched(notes, result.Triggers, result.Events, raised.Count,
            result.ReadSeconds, result.ObjectsSeconds, result.CountersSeconds);
    }
}
