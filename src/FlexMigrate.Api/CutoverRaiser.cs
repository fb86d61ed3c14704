using FlexMigrate.Orchestration.Contracts;
using FlexMigrate.Orchestration.Online;
using Microsoft.DurableTask.Client;

namespace FlexMigrate.Api;

/// <summary>Raises the cutover event after checking the instance is a running online migration.</summary>
public static class CutoverRaiser
{
    /// <returns>Null when raised, else why not (404 unknown id, 409 not an online migration or not running).</returns>
    public static async Task<ProblemDetails?> RaiseAsync(DurableTaskClient client, string id, CutoverRequest cutover)
    {
        ArgumentNullException.ThrowIfNull(client);
        var meta = await MigrationInstances.FindAsync(client, id, inputsAndOutputs: false);
        if (meta is null)
        {
            return ProblemDetails.MigrationNotFound(id);
        }

        if (!MigrationInstances.IsOnline(meta))
        {
            return ProblemDetails.Conflict($"Migration '{id}' is not an online migration: only online migrations replicate and cut over.");
        }

        if (meta.RuntimeStatus is not (OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending))
        {
            return ProblemDetails.Conflict($"Migration '{id}' is {meta.RuntimeStatus.ToString().ToLowerInvariant()}: there is nothing left to cut over.");
        }

        await client.RaiseEventAsync(id, OnlineMigrationOrchestrator.CutoverEvent, cutover);
        return null;
    }
}
