namespace FlexMigrate.Orchestration.Contracts;

/// <summary>
/// Output of <see cref="Activities.SwitchTargetOnActivity"/>: notes and counts only (never the list of tables, which
/// would grow the durable history with the table count), and how long each part took inside the activity.
/// </summary>
/// <param name="Notes">Definer rewrites, warnings, the AUTO_INCREMENT summary.</param>
/// <param name="Triggers">Triggers created or already present.</param>
/// <param name="Events">Events created or already present.</param>
/// <param name="CountersRaised">AUTO_INCREMENT counters raised.</param>
/// <param name="ReadSeconds">Reading the source's triggers and events.</param>
/// <param name="ObjectsSeconds">Creating the triggers and events (at the same time as the counters).</param>
/// <param name="CountersSeconds">Reading both servers' counters and raising the target's.</param>
public sealed record TargetSwitched(
    IReadOnlyList<Core.Schema.MigrationNote> Notes, int Triggers, int Events, int CountersRaised,
    double ReadSeconds, double ObjectsSeconds, double CountersSeconds);
