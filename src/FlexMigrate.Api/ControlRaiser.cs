using FlexMigrate.Orchestration.Contracts;
using FlexMigrate.Orchestration.Control;
using Microsoft.DurableTask.Client;

namespace FlexMigrate.Api;

/// <summary>Raises the control event after checking the instance is a running migration (offline or online).</summary>
public static class ControlRaiser
{
    /// <returns>Null when raised, else why not (404 unknown id, 409 not running).</returns>
    public static Task<ProblemDetails?> RaiseAsync(DurableTaskClient client, string id, ControlRequest command) =>
        MigrationEventRaiser.RaiseAsync(client, id, ControlChanges.EventName, command, "control");
}
