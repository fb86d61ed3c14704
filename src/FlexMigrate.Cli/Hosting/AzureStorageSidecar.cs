using System.Net;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FlexMigrate.Cli.Hosting;

/// <summary>
/// The durable backend of <c>--state-store</c>: DurableTask.Core's Azure Storage provider (the backend a Durable
/// Functions app uses by default) served to the in-process worker through the same gRPC sidecar
/// (<see cref="TaskHubGrpcServer"/>) that the in-memory engine uses. Only the store differs: the worker, the client
/// and the orchestrator and activity classes are exactly those of the in-memory engine and the Functions app.
/// </summary>
internal sealed class AzureStorageSidecar(StateStore store, int port, ILoggerFactory loggerFactory) : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>The address the worker and client connect to.</summary>
    public static string Address(int port) => $"http://localhost:{port}";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var service = new AzureStorageOrchestrationService(Settings(store, loggerFactory));
        // Creates the task hub's queues, tables and lease container on first use; a resumed run finds them.
        await service.CreateIfNotExistsAsync();

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, o => o.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton<IOrchestrationService>(new SidecarStoreAdapter(service));
        builder.Services.AddSingleton<IOrchestrationServiceClient>(service);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        _app = builder.Build();
        _app.MapGrpcService<TaskHubGrpcServer>();
        await _app.StartAsync(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
            _app = null;
        }
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
        MaxConcurrentTaskActivityWorkItems = 64,
        MaxConcurrentTaskOrchestrationWorkItems = 16,
        LoggerFactory = loggerFactory,
    };
}
