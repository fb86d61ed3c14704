using FlexMigrate.Core.Throttling;
using FlexMigrate.Orchestration.Cancellation;
using FlexMigrate.Orchestration.Control;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Pipeline;

/// <summary>
/// Bounded fan-out: runs queued work (each an activity call plus what to do with its result) with at most a fixed
/// number in flight, in queue order; work that completes may queue more (a table's index build once its last chunk is
/// in goes ahead of the queued chunks). Every fan-out of a migration goes through here, so all are bounded the same
/// way: chunk planning, the copy, unique keys at catch-up, table validation.
/// <para>
/// A cancel stops handing out work, lets the activities in flight end (they cannot be aborted, and Azure changes must
/// not be restored under them) and throws <see cref="MigrationCancelledException"/>; a failure does the same and then
/// rethrows the failure. Orchestrator code: deterministic, the completion order comes from history.
/// </para>
/// <para>
/// With a <see cref="MigrationControl"/> (the copy) the limit is the control's: a `set parallelism` applies at the
/// next hand-out (units in flight above a lowered limit finish first), a pause hands out nothing, and while a throttle
/// condition holds one throttle probe runs instead of the work, so nothing starts until it clears.
/// </para>
/// </summary>
internal sealed class ActivityPool(int limit, CancelSignal cancel, MigrationControl? control = null)
{
    private readonly LinkedList<Func<Task>> queued = new();
    private readonly List<Task> running = [];
    private Task<ThrottleSnapshot>? probe;

    /// <summary>
    /// At most this many in flight whatever the control says (a copy group runs its batches one at a time: its parent's
    /// pool runs at most --parallelism groups, so the migration as a whole keeps the limit).
    /// </summary>
    public int Cap { get; init; } = int.MaxValue;

    /// <summary>Queues work behind what is queued.</summary>
    public void Add(Func<Task> work) => queued.AddLast(work);

    /// <summary>Queues work ahead of what is queued.</summary>
    public void AddFirst(Func<Task> work) => queued.AddFirst(work);

    /// <summary>Runs until nothing is queued or running; <paramref name="afterEach"/> runs after every completion (status).</summary>
    public async Task RunAsync(Action? afterEach = null)
    {
        while (true)
        {
            while (running.Count < Slots && queued.First is { } next)
            {
                queued.RemoveFirst();
                running.Add(next.Value());
            }

            if (control is { Throttled: true } && probe is null && queued.Count > 0)
            {
                probe = control.ProbeAsync();
            }

            if (running.Count == 0 && (queued.Count == 0 || control is null))
            {
                return;
            }

            var finished = await Task.WhenAny(Waits());
            if (finished == cancel.Requested)
            {
                await DrainAsync();
                cancel.ThrowIfRequested();
            }

            if (await ControlAsync(finished))
            {
                afterEach?.Invoke();
                continue;
            }

            running.Remove(finished);
            if (finished.IsFaulted)
            {
                await DrainAsync();
            }

            await finished;
            afterEach?.Invoke();
        }
    }

    private int Slots => Math.Min(Cap, control?.Slots ?? Math.Max(1, limit));

    private IEnumerable<Task> Waits()
    {
        foreach (var task in running)
        {
            yield return task;
        }

        yield return cancel.Requested;
        if (control is not null)
        {
            yield return control.Next;
        }

        if (probe is not null)
        {
            yield return probe;
        }
    }

    /// <summary>Takes a control command or a probe's answer when that is what finished; false for a unit of work.</summary>
    private async Task<bool> ControlAsync(Task finished)
    {
        if (control is null)
        {
            return false;
        }

        if (finished == control.Next)
        {
            control.TakePending();
            return true;
        }

        if (finished != probe)
        {
            return false;
        }

        probe = null;
        try
        {
            control.Observe(await (Task<ThrottleSnapshot>)finished);
        }
        catch (TaskFailedException)
        {
            await DrainAsync();
            throw;
        }

        return true;
    }

    /// <summary>Lets the activities in flight end; their outcome no longer matters (the run is ending anyway).</summary>
    private async Task DrainAsync()
    {
        queued.Clear();
        foreach (var task in running.ToList())
        {
            try
            {
                await task;
            }
            catch (TaskFailedException)
            {
                // One more failure while the run is already ending changes nothing: the target is left partial either way.
            }
        }

        running.Clear();
    }
}
