namespace FlexMigrate.Orchestration.Contracts;

/// <summary>
/// Payload of the external event <c>control</c>: `flexmigrate control`, `POST /api/migrations/{id}/control`, the
/// control queue and the dashboard all raise it (docs/throttling.md). Validated by
/// <see cref="Control.ControlChanges.Validate"/> before it is raised and again when it is applied.
/// </summary>
/// <param name="Action">"pause", "unpause" or "set".</param>
/// <param name="Name">For "set": the setting (<see cref="Control.ControlChanges.SettingNames"/>).</param>
/// <param name="Value">For "set": the new value as text ("2", "Threads_running=25", "none").</param>
/// <param name="RequestedBy">Who asked ("cli", "http", "queue", "dashboard"), for the acknowledgement.</param>
public sealed record ControlRequest(string Action, string? Name = null, string? Value = null, string? RequestedBy = null)
{
    /// <summary>One line: "pause", "set parallelism=2".</summary>
    public string Describe() => Name is null ? Action : $"{Action} {Name}={Value}";
}
