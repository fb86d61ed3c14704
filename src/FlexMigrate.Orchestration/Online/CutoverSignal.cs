using FlexMigrate.Orchestration.Cancellation;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Online;

/// <summary>
/// The switch events one replication generation listens for (<c>cutover</c> forward; <c>rollback</c> and <c>finish</c>
/// in reverse): ONE waiter per event, created when the generation starts, so an event raised while a batch runs is
/// held here; the idle wait is a separate durable timer, never a timed-out waiter (the SDK would hand a later event to
/// that dead waiter and it would be lost). An event that arrives after the generation decided to continue as new is
/// handed on to the next one (<see cref="ForwardTo"/>). Cancel wins over them. Orchestrator code: deterministic, the
/// events come from history.
/// </summary>
internal sealed class CutoverSignal
{
    private readonly TaskOrchestrationContext context;
    private readonly IReadOnlyList<(string Name, Task<CutoverRequest> Requested)> events;
    private string? taken;

    /// <summary>Creates the generation's waiters, in priority order; call it once, before the generation's first await.</summary>
    public CutoverSignal(TaskOrchestrationContext context, params string[] eventNames)
    {
        this.context = context;
        events = [.. eventNames.Select(name => (name, context.WaitForExternalEvent<CutoverRequest>(name)))];
    }

    /// <summary>
    /// The first event that arrived and its request (at once if it came during the batch), else null after
    /// <paramref name="idle"/>, which only bounds how fast an idle loop reacts.
    /// </summary>
    /// <exception cref="MigrationCancelledException">A cancel arrived first (or meanwhile).</exception>
    public async Task<(string Event, CutoverRequest Request)?> WaitAsync(TimeSpan idle, CancelSignal cancel)
    {
        cancel.ThrowIfRequested();
        if (Arrived() is null)
        {
            using var timer = new CancellationTokenSource();
            var timeout = context.CreateTimer(idle, timer.Token);
            if (await Task.WhenAny([.. events.Select(e => (Task)e.Requested), cancel.Requested, timeout]) != timeout)
            {
                // Synchronously, on the orchestrator's thread (CancelAsync would run the timer's callback elsewhere).
                timer.Cancel();
            }
        }

        cancel.ThrowIfRequested();
        if (Arrived() is not { } arrived)
        {
            return null;
        }

        taken = arrived.Name;
        return (arrived.Name, arrived.Requested.Result);
    }

    /// <summary>Passes the events this generation has not taken to <paramref name="instanceId"/> (the next generation).</summary>
    public void ForwardTo(string instanceId)
    {
        foreach (var (name, requested) in events.Where(e => e.Name != taken))
        {
            _ = ForwardAsync(instanceId, name, requested);
        }
    }

    private (string Name, Task<CutoverRequest> Requested)? Arrived() =>
        events.FirstOrDefault(e => e.Requested.IsCompleted) is { Name: not null } e ? e : null;

    private async Task ForwardAsync(string instanceId, string name, Task<CutoverRequest> requested) =>
        context.SendEvent(instanceId, name, await requested);
}
