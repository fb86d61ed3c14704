using System.Collections.Concurrent;
using DurableTask.Core;

namespace FlexMigrate.Cli.Hosting;

/// <summary>
/// Adapts the Azure Storage provider to the in-process sidecar's dispatchers, which were written for the in-memory
/// service. Two gaps: history objects in the sidecar's own shapes that the provider
/// cannot persist (seen against Azurite, <see cref="StorableHistory"/>), and work-item locks the sidecar never renews.
/// <para>
/// Keeps the queue messages of running work items invisible while they run. The in-process sidecar's dispatchers
/// (Microsoft.DurableTask.InProcessTestHost) never renew a work item's lock, which the in-memory service does not
/// need; with the Azure Storage provider an unrenewed message reappears after its visibility timeout and a second
/// copy of a long chunk copy or index build would start. Renewing here lets the timeout stay short, so after a
/// killed process the work it had in flight is delivered again within <see cref="VisibilityTimeout"/> instead of
/// the provider's default five minutes.
/// </para>
/// </summary>
internal sealed class SidecarStoreAdapter(IOrchestrationService inner) : IOrchestrationService
{
    /// <summary>How long a dequeued message stays invisible without renewal: the redelivery delay after a kill.</summary>
    public static readonly TimeSpan VisibilityTimeout = TimeSpan.FromSeconds(10);

    /// <summary>A quarter of the timeout: three renewals may fail (a storage hiccup) before a message reappears.</summary>
    private static readonly TimeSpan RenewEvery = VisibilityTimeout / 4;

    private readonly ConcurrentDictionary<object, CancellationTokenSource> _renewals = new(ReferenceEqualityComparer.Instance);

    public int TaskOrchestrationDispatcherCount => inner.TaskOrchestrationDispatcherCount;

    public int MaxConcurrentTaskOrchestrationWorkItems => inner.MaxConcurrentTaskOrchestrationWorkItems;

    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => inner.EventBehaviourForContinueAsNew;

    public int TaskActivityDispatcherCount => inner.TaskActivityDispatcherCount;

    public int MaxConcurrentTaskActivityWorkItems => inner.MaxConcurrentTaskActivityWorkItems;

    public Task StartAsync() => inner.StartAsync();

    public Task StopAsync() => inner.StopAsync();

    public Task StopAsync(bool isForced) => inner.StopAsync(isForced);

    public Task CreateAsync() => inner.CreateAsync();

    public Task CreateAsync(bool recreateInstanceStore) => inner.CreateAsync(recreateInstanceStore);

    public Task CreateIfNotExistsAsync() => inner.CreateIfNotExistsAsync();

    public Task DeleteAsync() => inner.DeleteAsync();

    public Task DeleteAsync(bool deleteInstanceStore) => inner.DeleteAsync(deleteInstanceStore);

    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) =>
        inner.IsMaxMessageCountExceeded(currentMessageCount, runtimeState);

    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => inner.GetDelayInSecondsAfterOnProcessException(exception);

    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => inner.GetDelayInSecondsAfterOnFetchException(exception);

    public async Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        var item = await inner.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken);
        if (item is not null)
        {
            KeepRenewed(item, () => inner.RenewTaskOrchestrationWorkItemLockAsync(item));
        }

        return item!;
    }

    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) => inner.RenewTaskOrchestrationWorkItemLockAsync(workItem);

    public Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState)
    {
        StorableHistory.Normalize(newOrchestrationRuntimeState, orchestratorMessages);
        return inner.CompleteTaskOrchestrationWorkItemAsync(
            workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages, continuedAsNewMessage, orchestrationState);
    }

    public Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        StopRenewing(workItem);
        return inner.AbandonTaskOrchestrationWorkItemAsync(workItem);
    }

    /// <summary>The dispatcher releases every orchestration work item last, completed or abandoned.</summary>
    public Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        StopRenewing(workItem);
        return inner.ReleaseTaskOrchestrationWorkItemAsync(workItem);
    }

    public async Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        var item = await inner.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken);
        if (item is not null)
        {
            KeepRenewed(item, () => inner.RenewTaskActivityWorkItemLockAsync(item));
        }

        return item!;
    }

    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) => inner.RenewTaskActivityWorkItemLockAsync(workItem);

    public Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage)
    {
        StopRenewing(workItem);
        return inner.CompleteTaskActivityWorkItemAsync(workItem, responseMessage);
    }

    public Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem)
    {
        StopRenewing(workItem);
        return inner.AbandonTaskActivityWorkItemAsync(workItem);
    }

    private void KeepRenewed(object workItem, Func<Task> renew)
    {
        var stop = new CancellationTokenSource();
        _renewals[workItem] = stop;
        _ = RenewLoopAsync(renew, stop.Token);
    }

    private void StopRenewing(object workItem)
    {
        if (_renewals.TryRemove(workItem, out var stop))
        {
            stop.Cancel();
            stop.Dispose();
        }
    }

    private static async Task RenewLoopAsync(Func<Task> renew, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(RenewEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                try
                {
                    await renew();
                }
                catch (Exception) when (!stop.IsCancellationRequested)
                {
                    // A failed renewal is retried on the next tick; if the message does reappear, the work is
                    // delivered again and the activities are idempotent (a chunk reloads its key range).
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The work item completed.
        }
    }
}
