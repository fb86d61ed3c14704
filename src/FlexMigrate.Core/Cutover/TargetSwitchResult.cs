using FlexMigrate.Core.Schema;

namespace FlexMigrate.Core.Cutover;

/// <summary>What <see cref="TargetSwitch"/> did and how long each part took (the parts ran at once).</summary>
/// <param name="Notes">The metadata writer's notes (definer rewrites, warnings, the event scheduler off).</param>
/// <param name="Triggers">Triggers the source has in the selection (created unless present).</param>
/// <param name="Events">Events the source has in the selection (created unless present).</param>
/// <param name="CountersRaised">Tables whose AUTO_INCREMENT counter was raised ("db.table").</param>
/// <param name="ReadSeconds">Reading the source's triggers and events (the longest of the sessions reading at once).</param>
/// <param name="ObjectsSeconds">Creating the triggers and events (the longest of the sessions creating at once, each after its own read).</param>
/// <param name="CountersSeconds">Reading both servers' counters and raising the target's.</param>
public sealed record TargetSwitchResult(
    IReadOnlyList<MigrationNote> Notes, int Triggers, int Events, IReadOnlyList<string> CountersRaised,
    double ReadSeconds, double ObjectsSeconds, double CountersSeconds);
