using System.Net;
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
/// The embedded engine's gRPC sidecar: the package's <see cref="TaskHubGrpcServer"/> (its dispatchers and the
/// protocol the durable worker and client speak) served by a slim Kestrel on a loopback port, over whichever
/// DurableTask.Core store <see cref="Backend"/> names. The worker, client and task classes do not know the store.
/// </summary>
internal sealed class GrpcSidecar(int port, ILoggerFactory loggerFactory, Func<Task<GrpcSidecar.Backend>> openBackend)
    : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>The address the worker and client connect to.</summary>
    public static string Address(int port) => $"http://localhost:{port}";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var backend = await openBackend();
        // The empty builder reads no configuration: the slim and default builders add appsettings.json with
        // reload-on-change, which watches the current directory recursively (inotify on every folder below it), and
        // that took a fifth of a one-table migration's CPU started from a large directory (perf, docs/benchmarks.md).
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, o => o.Protocols = HttpProtocols.Http2));
        builder.Services.AddRoutingCore();
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(backend.Service);
        builder.Services.AddSingleton(backend.Client);
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

    /// <summary>The store the sidecar's dispatchers run on (<paramref name="Service"/>) and answer the client from.</summary>
    internal sealed record Backend(IOrchestrationService Service, IOrchestrationServiceClient Client)
    {
        /// <summary>A store that is both (the in-memory one).</summary>
        public static Backend Of<T>(T store)
            where T : IOrchestrationService, IOrchestrationServiceClient => new(store, store);
    }
}
