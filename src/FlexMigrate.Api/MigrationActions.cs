using System.Globalization;
using FlexMigrate.Core.Throttling;
using FlexMigrate.Orchestration.Contracts;
using FlexMigrate.Orchestration.Control;
using Microsoft.DurableTask.Client;

namespace FlexMigrate.Api;

/// <summary>
/// The actions a migration offers in its current state. The routes behind them are the API's own
/// (POST migrations/{id}/cutover, after it /rollback and /finish, /control and /cancel), so the dashboard, curl and
/// scripts do the same thing.
/// The throttling controls (issue 17) post control commands: pause or unpause, parallelism, rows per second.
/// </summary>
public static class MigrationActions
{
    public static IReadOnlyList<MigrationAction> For(OrchestrationMetadata meta, MigrationStatus? status)
    {
        ArgumentNullException.ThrowIfNull(meta);
        if (meta.RuntimeStatus is not (OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending))
        {
            return [];
        }

        var id = Uri.EscapeDataString(meta.InstanceId);
        var actions = new List<MigrationAction>();
        if (MigrationInstances.IsOnline(meta))
        {
            // After a cutover with reverseAfterCutover the ways out are rollback and finish (issue 16), no longer cutover.
            actions.AddRange(status?.Replication?.Direction == ReplicationDirection.Reverse ? [Rollback(id, status), Finish(id, status)] : [Cutover(id, status)]);
        }

        actions.AddRange(Controls(id, status));
        actions.Add(Cancel(id, status));
        return actions;
    }

    /// <summary>Pause or unpause, and the two settings people change most while a migration runs.</summary>
    private static IEnumerable<MigrationAction> Controls(string id, MigrationStatus? status)
    {
        var path = $"migrations/{id}/control";
        var enabled = status?.Phase is not (MigrationPhase.Completed or MigrationPhase.Cancelled or MigrationPhase.Blocked or MigrationPhase.CuttingOver
            or MigrationPhase.RollingBack);
        string? reason = status?.Phase is MigrationPhase.CuttingOver or MigrationPhase.RollingBack
            ? $"A {(status.Phase == MigrationPhase.RollingBack ? "rollback" : "cutover")} runs unthrottled and cannot be paused: writes are stopped, holding it back would only lengthen the downtime."
            : null;
        var settings = status?.Throttle?.Settings;
        var paused = status?.Throttle?.Paused == true;
        yield return paused
            ? new MigrationAction("unpause", "Unpause", path, "New chunks and replication batches start again.", enabled, reason,
                [Fixed(ControlAction, ControlChanges.Unpause)])
            : new MigrationAction("pause", "Pause", path,
                "No new chunk or replication batch starts; those running finish. A cutover already running is not paused.", enabled, reason,
                [Fixed(ControlAction, ControlChanges.Pause)]);
        yield return new MigrationAction("parallelism", "Set parallelism", path,
            "How many chunk copies (and index builds) run at once; takes effect as running ones finish.", enabled, reason,
            [Fixed(ControlAction, ControlChanges.Set), Fixed("name", ControlChanges.Parallelism),
                new ActionField("value", "Parallelism", "number", (settings?.Parallelism ?? 4).ToString(CultureInfo.InvariantCulture), Help: "1 to 64.")]);
        yield return new MigrationAction("max-rows-per-second", "Set rows/s limit", path,
            "The most rows per second the copy and the replay write together; 0 removes the limit.", enabled, reason,
            [Fixed(ControlAction, ControlChanges.Set), Fixed("name", ThrottleConditions.MaxRowsPerSecond),
                new ActionField("value", "Rows per second", "number", (settings?.Throttle.MaxRowsPerSecond ?? 0).ToString(CultureInfo.InvariantCulture),
                    Help: "0 = unlimited.")]);
    }

    private const string ControlAction = "action";

    private static ActionField Fixed(string name, string value) => new(name, name, "fixed", value);

    private static MigrationAction Cutover(string id, MigrationStatus? status)
    {
        var phase = status?.Phase;
        var enabled = phase is not (MigrationPhase.CuttingOver or MigrationPhase.Completed or MigrationPhase.Cancelled);
        string? reason = phase switch
        {
            MigrationPhase.CuttingOver => "A cutover is running.",
            _ when status?.Replication is null => "Runs once the initial copy is done (the request waits until then).",
            _ when status.Replication is { CaughtUp: false } => "Replay has not caught up yet: the drain may take long and hit the timeout.",
            _ => null,
        };
        return new MigrationAction(
            "cutover",
            "Cut over",
            $"migrations/{id}/cutover",
            "Stops writes on the source, drains the remaining changes, switches the target on (triggers, events, AUTO_INCREMENT) and validates. If it cannot finish within the timeout it is undone and replication goes on.",
            enabled,
            reason,
            SwitchFields("source", "cutover", "switching the target"),
            Danger: true);
    }

    /// <summary>While the target replicates back: make the old source the primary again (the cutover, reversed).</summary>
    private static MigrationAction Rollback(string id, MigrationStatus? status) => new(
        "rollback",
        "Roll back",
        $"migrations/{id}/rollback",
        "Stops writes on the target, drains its remaining changes into the old source, switches the old source on (triggers, events, AUTO_INCREMENT, writable) and validates; reports the downtime. If it cannot finish within the timeout it is undone: the target takes writes again and reverse replication goes on.",
        !Switching(status),
        SwitchingReason(status),
        SwitchFields("target", "rollback", "switching the old source on"),
        Danger: true);

    /// <summary>While the target replicates back: keep the target, end reverse replication.</summary>
    private static MigrationAction Finish(string id, MigrationStatus? status) => new(
        "finish",
        "Finish (target final)",
        $"migrations/{id}/finish",
        "Ends reverse replication: the target stays the primary for good, the old source gets its triggers and events back and stays read-only, the reverse checkpoint is dropped (and the Azure source server stopped when the migration asked for it).",
        !Switching(status),
        SwitchingReason(status),
        [],
        Danger: true);

    /// <summary>The form of a switch (cutover, rollback): how writes stop on <paramref name="stopped"/>, and the time limit.</summary>
    private static ActionField[] SwitchFields(string stopped, string what, string switching) =>
    [
        new ActionField("stopWrites", "Stop writes", "choice", "readOnly",
            [new ActionChoice("readOnly", $"FlexMigrate sets the {stopped} read-only"), new ActionChoice("confirmed", "I stopped the applications")],
            $"How writes on the {stopped} stop for the {what}."),
        new ActionField("timeoutSeconds", "Timeout (s)", "number", "300", Help: $"Limit for draining and {switching}."),
    ];

    private static bool Switching(MigrationStatus? status) =>
        status?.Phase is MigrationPhase.RollingBack or MigrationPhase.Finishing or MigrationPhase.Completed or MigrationPhase.Cancelled;

    private static string? SwitchingReason(MigrationStatus? status) => status?.Phase switch
    {
        MigrationPhase.RollingBack => "A rollback is running.",
        MigrationPhase.Finishing => "The migration is finishing.",
        _ => status?.Replication?.LastCutoverError is { } error ? "The last rollback was undone: " + error : null,
    };

    private static MigrationAction Cancel(string id, MigrationStatus? status) => new(
        "cancel",
        "Cancel migration",
        $"migrations/{id}/cancel",
        status?.Replication switch
        {
            null => "Running chunk copies finish, Azure changes are restored, and the migration ends as Cancelled. The target keeps what was copied.",
            { Direction: ReplicationDirection.Reverse } => "Reverse replication stops after the current batch and the target stays the primary (as finish, without stopping an Azure source); the migration ends as Cancelled.",
            _ => "Replication stops after the current batch and the migration ends as Cancelled; the source is not touched.",
        },
        status?.Phase is not (MigrationPhase.CuttingOver or MigrationPhase.RollingBack or MigrationPhase.Finishing or MigrationPhase.Cancelled or MigrationPhase.Completed),
        status?.Phase switch
        {
            MigrationPhase.CuttingOver => "Wait for the cutover to finish or be undone.",
            MigrationPhase.RollingBack => "Wait for the rollback to finish or be undone.",
            _ => null,
        },
        [],
        Danger: true);
}
