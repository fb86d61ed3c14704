using FlexMigrate.Orchestration.Cancellation;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Online;

/// <summary>
/// The cutover event of one replication generation: ONE waiter, created when the generation starts, so a cutover
/// raised while a batch runs is held here; the idle wait is a separate durable timer, never a timed-out waiter (the
/// SDK would hand a later event to that dead waiter and it would be lost). A cutover that arrives after the generation
/// decided to continue as new is handed on to the next one (<see cref="ForwardTo"/>). Cancel wins over it.
/// Orchestrator code: deterministic, the event comes from history.
/// </summary>
internal sealed class CutoverSignal
{
    private readonly TaskOrchestrationContext context;
    private readonly Task<CutoverRequest> requested;
    private bool taken;

    /// <summary>Creates the generation's one cutover waiter; call it once, before the generation's first await.</summary>
    public CutoverSignal(TaskOrchestrationContext context)
    {
        this.context = context;
        requested = context.WaitForExternalEvent<CutoverRequest>(OnlineMigrationOrchestrator.CutoverEvent);
    }

    /// <summary>
    /// The cutover request when one arrived (at once if it came during the batch), else null after
    /// <paramref name="idle"/>, which only bounds how fast an idle loop reacts.
    /// </summary>
    /// <exception cref="MigrationCancelledException">A cancel arrived first (or meanwhile).</exception>
    public async Task<CutoverRequest?> WaitAsync(TimeSpan idle, CancelSignal cancel)
    {
        cancel.ThrowIfRequested();
        if (!requested.IsCompleted)
        {
            using var timer = new CancellationTokenSource();
            var timeout = context.CreateTimer(idle, timer.Token);
            if (await Task.WhenAny(requested, cancel.Requested, timeout) != timeout)
            {
                // Synchronously, on the orchestrator's thread (CancelAsync would run the timer's callback elsewhere).
                timer.Cancel();
            }
        }

        cancel.ThrowIfRequested();
        taken = requested.IsCompleted;
        return taken ? requested.Result : null;
    }

    /// <summary>Passes a cutover this generation has not taken to <paramref name="instanceId"/> (the next generation).</summary>
    public void ForwardTo(string instanceId)
    {
        if (!taken)
        {
            _ = ForwardAsync(instanceId);
        }
    }

    private async Task ForwardAsync(string instanceId) =>
        context.SendEvent(instanceId, OnlineMigrationOrchestrator.CutoverEvent, await requested);
}
