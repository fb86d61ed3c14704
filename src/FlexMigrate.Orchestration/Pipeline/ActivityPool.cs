using FlexMigrate.Orchestration.Cancellation;
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
/// </summary>
internal sealed class ActivityPool(int limit, CancelSignal cancel)
{
    private readonly LinkedList<Func<Task>> queued = new();
    private readonly List<Task> running = [];

    /// <summary>Queues work behind what is queued.</summary>
    public void Add(Func<Task> work) => queued.AddLast(work);

    /// <summary>Queues work ahead of what is queued.</summary>
    public void AddFirst(Func<Task> work) => queued.AddFirst(work);

    /// <summary>Runs until nothing is queued or running; <paramref name="afterEach"/> runs after every completion (status).</summary>
    public async Task RunAsync(Action? afterEach = null)
    {
        var slots = Math.Max(1, limit);
        while (true)
        {
            while (running.Count < slots && queued.First is { } next)
            {
                queued.RemoveFirst();
                running.Add(next.Value());
            }

            if (running.Count == 0)
            {
                return;
            }

            var finished = await Task.WhenAny(running.Append(cancel.Requested));
            if (finished == cancel.Requested)
            {
                await DrainAsync();
                cancel.ThrowIfRequested();
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
