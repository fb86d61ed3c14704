using FlexMigrate.Orchestration.Contracts;
using FlexMigrate.Orchestration.Online;
using Microsoft.DurableTask.Client;

namespace FlexMigrate.Api;

/// <summary>Raises the cutover event after checking the instance is a running online migration.</summary>
public static class CutoverRaiser
{
    /// <returns>Null when raised, else why not (404 unknown id, 409 not an online migration or not running).</returns>
    public static Task<ProblemDetails?> RaiseAsync(DurableTaskClient client, string id, CutoverRequest cutover) =>
        MigrationEventRaiser.RaiseAsync(client, id, OnlineMigrationOrchestrator.CutoverEvent, cutover, "cut over",
            meta => MigrationInstances.IsOnline(meta)
                ? null
                : ProblemDetails.Conflict($"Migration '{id}' is not an online migration: only online migrations replicate and cut over."));
}
