using DurableTask.AzureStorage;
using Microsoft.Extensions.Logging;

namespace FlexMigrate.Cli.Hosting;

/// <summary>
/// The durable backend of <c>--state-store</c>: DurableTask.Core's Azure Storage provider (the backend a Durable
/// Functions app uses by default) served to the in-process worker through the same gRPC sidecar
/// (<see cref="GrpcSidecar"/>) that the in-memory engine uses. Only the store differs: the worker, the client
/// and the orchestrator and activity classes are exactly those of the in-memory engine and the Functions app.
/// </summary>
internal static class AzureStorageSidecar
{
    /// <summary>The provider for the store's task hub, its queues, tables and lease container created on first use.</summary>
    public static async Task<GrpcSidecar.Backend> OpenAsync(StateStore store, ILoggerFactory loggerFactory)
    {
        var service = new AzureStorageOrchestrationService(Settings(store, loggerFactory));
        // A resumed run finds the hub's queues and tables already there.
        await service.CreateIfNotExistsAsync();
        return new GrpcSidecar.Backend(new SidecarStoreAdapter(service), service);
    }

    /// <summary>
    /// Deletes the migration's task hub (its queues, history and instance tables, lease container) once the
    /// migration has ended and its report is out: the report and the target's ledger keep what it did, and an
    /// account used for many migrations does not collect their histories.
    /// </summary>
    public static async Task DeleteTaskHubAsync(StateStore store, ILoggerFactory loggerFactory)
    {
        var service = new AzureStorageOrchestrationService(Settings(store, loggerFactory));
        await service.DeleteAsync();
    }

    /// <summary>
    /// Provider settings for one CLI process driving one migration's task hub.
    /// </summary>
    private static AzureStorageOrchestrationServiceSettings Settings(StateStore store, ILoggerFactory loggerFactory) => new()
    {
        StorageAccountClientProvider = new StorageAccountClientProvider(store.ConnectionString),
        TaskHubName = store.TaskHub,
        // One stable worker id: a restarted CLI finds the partition lease in its own name and takes it at once
        // (table partition manager: renew-own), instead of waiting 30 s for a dead worker's lease to expire.
        WorkerId = "flexmigrate",
        // One instance per hub: one control queue is enough.
        PartitionCount = 1,
        // The provider backs off to 30 s between polls of an idle queue, and every activity result waits for the
        // next poll of the control queue: at 1 s an 18-chunk copy took 7-10 s longer than in memory. Four polls a
        // second per queue cost next to nothing in storage transactions.
        MaxQueuePollingInterval = TimeSpan.FromMilliseconds(250),
        ControlQueueVisibilityTimeout = SidecarStoreAdapter.VisibilityTimeout,
        WorkItemQueueVisibilityTimeout = SidecarStoreAdapter.VisibilityTimeout,
        MaxConcurrentTaskActivityWorkItems = EngineConcurrency.ActivityWorkItems,
        MaxConcurrentTaskOrchestrationWorkItems = 16,
        LoggerFactory = loggerFactory,
    };
}
