using System.Net;
using System.Net.Sockets;
using FlexMigrate.Azure.Arm;
using FlexMigrate.Azure.Storage;
using FlexMigrate.Orchestration;
using FlexMigrate.Orchestration.Azure;
using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using FlexMigrate.Orchestration.Offline;
using FlexMigrate.Orchestration.Online;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FlexMigrate.AzureTests.Orchestration;

/// <summary>
/// The real orchestrator and activities on the in-process durable engine, wired like the Functions app: connection
/// names resolved to the MariaDB pair, Resource Manager = the fake ARM server, artifacts and payloads in an Azurite
/// container. An activity can be replaced to hold or fail the migration at a chosen step.
/// </summary>
internal sealed class AzureMigrationHost : IAsyncDisposable
{
    private readonly DurableTaskTestHost host;

    private AzureMigrationHost(DurableTaskTestHost host) => this.host = host;

    public DurableTaskClient Client => host.Client;

    public static async Task<AzureMigrationHost> StartAsync(
        ArmConnection arm,
        MigrationArtifactStore? artifacts,
        IPayloadStore? payloads = null,
        IReadOnlyDictionary<string, Func<IServiceProvider, ITaskActivity>>? replace = null)
    {
        var catalog = new DictionaryConnectionCatalog(new Dictionary<string, string>
        {
            ["source"] = MariaDbPair.Source,
            ["target"] = MariaDbPair.Target,
        });
        var host = await DurableTaskTestHost.StartAsync(
            registry =>
            {
                foreach (var o in TaskCatalog.Orchestrators)
                {
                    registry.AddOrchestrator(o);
                }

                foreach (var a in TaskCatalog.Activities.Where(a => replace?.ContainsKey(a.Name) != true))
                {
                    registry.AddActivity(a);
                }

                foreach (var (name, factory) in replace ?? new Dictionary<string, Func<IServiceProvider, ITaskActivity>>())
                {
                    registry.AddActivity(name, factory);
                }
            },
            new DurableTaskTestHostOptions
            {
                Port = FreePort(),
                ConfigureServices = services =>
                {
                    services.AddSingleton<IConnectionCatalog>(catalog);
                    services.AddSingleton(arm);
                    if (artifacts is not null)
                    {
                        services.AddSingleton(artifacts);
                    }

                    if (payloads is not null)
                    {
                        services.AddSingleton(payloads);
                    }
                },
            });
        return new AzureMigrationHost(host);
    }

    public static MigrationRequest Request(string database, AzureMigrationOptions? azure) =>
        new("source", "target", [database], [], [], new MigrationOptions(Parallelism: 2)) { Azure = azure };

    /// <summary>Starts the offline orchestrator, or the online one for an online request.</summary>
    public Task<string> StartAsync(MigrationRequest request)
    {
        var id = new StartOrchestrationOptions("fm-az-" + Guid.NewGuid().ToString("N")[..12]);
        return request.Options.Mode == MigrationMode.Online
            ? Client.ScheduleNewOrchestrationInstanceAsync(nameof(OnlineMigrationOrchestrator), new OnlineMigrationInput(request), id)
            : Client.ScheduleNewOrchestrationInstanceAsync(nameof(MigrationOrchestrator), request, id);
    }

    public async Task<OrchestrationMetadata> WaitAsync(string id)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        return await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
    }

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    // The durable engine's gRPC port: a free loopback port, not the engine's unchecked random pick in 30000-40000.
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
