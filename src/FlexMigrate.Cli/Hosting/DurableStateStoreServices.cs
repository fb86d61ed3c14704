using FlexMigrate.Orchestration;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FlexMigrate.Cli.Hosting;

/// <summary>
/// Registers the durable worker and client on the Azure Storage-backed sidecar, in the order the in-memory engine's
/// AddInMemoryDurableTask uses: the sidecar's hosted service first, so it listens before the worker connects.
/// </summary>
internal static class DurableStateStoreServices
{
    public static IServiceCollection AddStateStoreDurableTask(this IServiceCollection services, StateStore store, int port)
    {
        var address = AzureStorageSidecar.Address(port);
        services.AddHostedService(sp => new AzureStorageSidecar(store, port, sp.GetRequiredService<ILoggerFactory>()));
        services.AddDurableTaskWorker(builder =>
        {
            builder.UseGrpc(address);
            builder.AddTasks(TaskCatalog.Register);
        });
        services.AddDurableTaskClient(builder =>
        {
            builder.UseGrpc(address);
            builder.RegisterDirectly();
        });
        return services;
    }
}
