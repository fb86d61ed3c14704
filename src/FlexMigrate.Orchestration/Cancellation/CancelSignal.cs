using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Cancellation;

/// <summary>
/// Cooperative cancel of a migration: `POST /api/migrations/{id}/cancel` (and the CLI) raise the external event
/// <see cref="EventName"/>; the orchestration lets the activities in flight finish, undoes what it must (Azure changes,
/// a cutover in progress), and completes with outcome Cancelled. Terminating the instance instead would skip that, so
/// the API terminates only on request (force).
/// <para>
/// Why a cancel can never be lost: the durable SDK hands a raised event to the waiter registered for its name, or
/// buffers it while there is none, and a waiter that nobody checks any more swallows it. So every orchestrator creates
/// exactly ONE signal as the first statement of each execution (each ContinueAsNew generation), before its first
/// await, and passes it down: every event of this execution reaches this one waiter, and every wait of the
/// orchestration (phase entries, activity calls, pools, the cutover wait, sub-orchestrations) observes it. An event
/// that reaches it after the execution decided to end (ContinueAsNew, in the same episode) is handed on by
/// <see cref="ForwardTo"/>, as the SDK hands on the events nobody waited for.
/// </para>
/// Deterministic: the event comes from history.
/// </summary>
public sealed class CancelSignal
{
    /// <summary>The external event name; its payload is the reason (a short text, never a secret).</summary>
    public const string EventName = "cancel";

    private readonly TaskOrchestrationContext context;

    /// <summary>Creates the execution's one cancel waiter; call it once, first thing in the orchestrator.</summary>
    public CancelSignal(TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        this.context = context;
        Requested = context.WaitForExternalEvent<string?>(EventName);
    }

    /// <summary>Completes when a cancel arrives; its result is the reason.</summary>
    public Task<string?> Requested { get; }

    public bool IsRequested => Requested.IsCompleted;

    /// <summary>The reason given with the cancel (only once <see cref="IsRequested"/>).</summary>
    public string Reason => Requested.IsCompleted ? Requested.Result ?? "cancelled" : "";

    /// <exception cref="MigrationCancelledException">A cancel has arrived.</exception>
    public void ThrowIfRequested()
    {
        if (IsRequested)
        {
            throw new MigrationCancelledException(Reason);
        }
    }

    /// <summary>
    /// Passes a cancel that arrives from now on to another instance: a sub-orchestration that is running for this one
    /// (so it stops early), or this instance's next generation after ContinueAsNew (so it is not swallowed here).
    /// </summary>
    public void ForwardTo(string instanceId)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        _ = ForwardAsync(instanceId);
    }

    /// <summary>
    /// Runs <paramref name="orchestrator"/> as a sub-orchestration under <paramref name="instanceId"/> (an id derived
    /// from the caller's, so a replay finds it in history and never starts a second one) and forwards to it a cancel
    /// that arrives while it runs, so it stops early; its result (or failure) is the caller's.
    /// Deterministic: the sub-orchestration is scheduled first, then the wait on it or the cancel, in every replay.
    /// </summary>
    public async Task<T> CallSubOrchestratorAsync<T>(string orchestrator, string instanceId, object input)
    {
        ArgumentException.ThrowIfNullOrEmpty(orchestrator);
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var child = context.CallSubOrchestratorAsync<T>(orchestrator, input, new SubOrchestrationOptions { InstanceId = instanceId });
        if (await Task.WhenAny(child, Requested) != child)
        {
            ForwardTo(instanceId);
        }

        return await child;
    }

    private async Task ForwardAsync(string instanceId)
    {
        var reason = await Requested;
        context.SendEvent(instanceId, EventName, reason ?? "cancelled");
    }
}

/// <summary>Thrown inside an orchestrator when <see cref="CancelSignal"/> fired; the orchestrator catches it, undoes and reports.</summary>
public sealed class MigrationCancelledException : Exception
{
    public MigrationCancelledException()
        : this("cancelled")
    {
    }

    public MigrationCancelledException(string reason)
        : base($"The migration was cancelled ({reason}).")
    {
        Reason = reason;
    }

    public MigrationCancelledException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = message;
    }

    public string Reason { get; } = "cancelled";
}
