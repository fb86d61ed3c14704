using FlexMigrate.Orchestration.Contracts;
using FlexMigrate.Orchestration.Online;
using Microsoft.DurableTask.Client;

namespace FlexMigrate.Api;

/// <summary>
/// Raises the switch events of an online migration after checking they can act: <c>cutover</c> on a running online
/// migration; <c>rollback</c> and <c>finish</c> only while it replicates back to the old source (raised earlier, the
/// durable engine would hold them and the rollback would run the moment reverse replication starts).
/// </summary>
public static class CutoverRaiser
{
    /// <summary>The switch events by the name routes, queues and the CLI use.</summary>
    public static IReadOnlyList<string> Events { get; } =
        [OnlineMigrationOrchestrator.CutoverEvent, OnlineMigrationOrchestrator.RollbackEvent, OnlineMigrationOrchestrator.FinishEvent];

    /// <returns>Null when raised, else why not (404 unknown id, 409 not an online migration or not running).</returns>
    public static Task<ProblemDetails?> RaiseAsync(DurableTaskClient client, string id, CutoverRequest cutover) =>
        RaiseAsync(client, id, OnlineMigrationOrchestrator.CutoverEvent, cutover);

    /// <summary>Raises <paramref name="eventName"/> (one of <see cref="Events"/>).</summary>
    /// <returns>Null when raised, else why not (404 unknown id, 409 not an online migration, not running, or not replicating back).</returns>
    public static Task<ProblemDetails?> RaiseAsync(DurableTaskClient client, string id, string eventName, CutoverRequest request)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(Events.Contains(eventName), true, nameof(eventName));
        // Each event acts in one direction only; raised in the other, the engine would hold it for a later generation.
        var reverse = eventName != OnlineMigrationOrchestrator.CutoverEvent;
        return MigrationEventRaiser.RaiseAsync(client, id, eventName, request, reverse ? eventName : "cut over",
            meta => !MigrationInstances.IsOnline(meta)
                ? ProblemDetails.Conflict($"Migration '{id}' is not an online migration: only online migrations replicate and cut over.")
                : reverse && !ReplicatingBack(meta)
                    ? ProblemDetails.Conflict($"Migration '{id}' is not replicating back to its old source: {eventName} is possible only after a cutover of a migration started with reverseAfterCutover.")
                : !reverse && ReplicatingBack(meta)
                    ? ProblemDetails.Conflict($"Migration '{id}' has cut over and replicates back to its old source: use rollback or finish.")
                    : null,
            withStatus: true);
    }

    private static bool ReplicatingBack(OrchestrationMetadata meta) =>
        meta.SerializedCustomStatus is not null && meta.ReadCustomStatusAs<MigrationStatus>()?.Replication?.Direction == ReplicationDirection.Reverse;
}
