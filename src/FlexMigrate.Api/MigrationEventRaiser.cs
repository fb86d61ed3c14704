using Microsoft.DurableTask.Client;

namespace FlexMigrate.Api;

/// <summary>
/// Raises an external event on a migration after the checks every such request shares: the id names a migration
/// (404) that is still running (409), plus what the event itself needs (<c>refuse</c>). The cutover and control
/// routes, queues and the CLI's dashboard all go through here.
/// </summary>
internal static class MigrationEventRaiser
{
    /// <param name="client">The durable client.</param>
    /// <param name="id">The migration id.</param>
    /// <param name="eventName">The external event.</param>
    /// <param name="payload">Its payload.</param>
    /// <param name="purpose">What the event does, for the 409 message ("cut over", "control").</param>
    /// <param name="refuse">A further check of the instance; returns the problem, or null to go on.</param>
    /// <param name="withStatus">Read the instance with its custom status (for a <paramref name="refuse"/> that looks at it).</param>
    /// <returns>Null when raised, else why not.</returns>
    public static async Task<ProblemDetails?> RaiseAsync(DurableTaskClient client, string id, string eventName, object payload, string purpose,
        Func<OrchestrationMetadata, ProblemDetails?>? refuse = null, bool withStatus = false)
    {
        ArgumentNullException.ThrowIfNull(client);
        var meta = await MigrationInstances.FindAsync(client, id, inputsAndOutputs: withStatus);
        if (meta is null)
        {
            return ProblemDetails.MigrationNotFound(id);
        }

        if (refuse?.Invoke(meta) is { } problem)
        {
            return problem;
        }

        if (meta.RuntimeStatus is not (OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending))
        {
            return ProblemDetails.Conflict($"Migration '{id}' is {meta.RuntimeStatus.ToString().ToLowerInvariant()}: there is nothing left to {purpose}.");
        }

        await client.RaiseEventAsync(id, eventName, payload);
        return null;
    }
}
