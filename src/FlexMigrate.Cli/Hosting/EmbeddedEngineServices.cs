using FlexMigrate.Orchestration;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FlexMigrate.Cli.Hosting;

/// <summary>
/// Registers the embedded engine: the gRPC sidecar over a durable store (in memory, or Azure Storage for
/// <c>--state-store</c>), then the durable worker and client connected to it, in the order the package's
/// AddInMemoryDurableTask uses: the sidecar's hosted service first, so it listens before the worker connects.
/// The package's own registration is not used because it sizes the engine by the processor count and starts its
/// sidecar on a full default host (configuration files, environment, console logging) the CLI does not need.
/// </summary>
internal static class EmbeddedEngineServices
{
    public static IServiceCollection AddEmbeddedDurableTask(
        this IServiceCollection services, StateStore? store, int port, Action<DurableTaskRegistry>? tasks = null)
    {
        var address = GrpcSidecar.Address(port);
        services.AddHostedService(sp =>
        {
            var loggerFactory = sp.GetRequiredService<ILoggerFactory>();
            return new GrpcSidecar(port, loggerFactory, store is null
                ? () => Task.FromResult(GrpcSidecar.Backend.Of(new SizedInMemoryOrchestrationService(loggerFactory)))
                : () => AzureStorageSidecar.OpenAsync(store, loggerFactory));
        });
        services.AddDurableTaskWorker(builder =>
        {
            builder.UseGrpc(address);
            builder.AddTasks(tasks ?? TaskCatalog.Register);
            // The worker's own limits default to 100 x the processor count; tie them to the sidecar's instead.
            builder.Configure(o =>
            {
                o.Concurrency.MaximumConcurrentActivityWorkItems = EngineConcurrency.ActivityWorkItems;
                o.Concurrency.MaximumConcurrentOrchestrationWorkItems = EngineConcurrency.OrchestrationWorkItems;
            });
        });
        services.AddDurableTaskClient(builder =>
        {
            builder.UseGrpc(address);
            builder.RegisterDirectly();
        });
        return services;
    }
}
