using FlexMigrate.Azure.Storage;
using FlexMigrate.Core.Replication;
using FlexMigrate.Orchestration.Azure;
using FlexMigrate.Orchestration.Connections;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FlexMigrate.Cli.Hosting;

/// <summary>
/// The in-process durable engine the CLI runs orchestrations on: the same orchestrator and activity classes the
/// Functions app hosts. State lives in memory for the life of the command, or, with a <see cref="StateStore"/>, in
/// Azure Storage, where a later process continues the same instances from their history.
/// </summary>
internal sealed class EmbeddedDurableEngine : IAsyncDisposable
{
    private readonly IHost _host;

    private EmbeddedDurableEngine(IHost host)
    {
        _host = host;
        Client = host.Services.GetRequiredService<DurableTaskClient>();
    }

    public DurableTaskClient Client { get; }

    public IServiceProvider Services => _host.Services;

    /// <summary>
    /// Starts the engine with FlexMigrate's orchestrations and activities, or <paramref name="tasks"/> instead.
    /// </summary>
    public static async Task<EmbeddedDurableEngine> StartAsync(
        IConnectionCatalog connections,
        Action<IServiceCollection>? configure,
        CancellationToken cancellationToken,
        StateStore? stateStore = null,
        Action<DurableTaskRegistry>? tasks = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(connections);
        // One per process: a migration's next replication batch (a cutover's drain) reuses the table shapes the last one read.
        builder.Services.AddSingleton<ScopeTablesCache>();
        // Long table lists and the schema catalog travel by reference like in the Functions app: kept in this process's
        // memory, or, with a state store, as blobs in its account, so a later process continuing the instance finds them.
        builder.Services.AddSingleton<IPayloadStore>(stateStore is null ? new InMemoryPayloadStore()
            : new BlobPayloadStore(MigrationArtifactStore.FromConnectionString(stateStore.ConnectionString, stateStore.PayloadContainer)));
        configure?.Invoke(builder.Services);

        builder.Services.AddEmbeddedDurableTask(stateStore, LoopbackPort.Free(), tasks);

        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new EmbeddedDurableEngine(host);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _host.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Shutting down after the work is done: a slow sidecar stop must not change the exit code.
        }

        _host.Dispose();
    }
}
