using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FlexMigrate.Api;
using FlexMigrate.Api.Dashboard;
using FlexMigrate.Orchestration.Cancellation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FlexMigrate.Cli.Dashboard;

/// <summary>
/// `flexmigrate migrate --dashboard`: the dashboard page and the part of the migrations API it uses, served by Kestrel
/// from this process for the migration it runs, with the Functions app's routes and JSON (one page for both hosts):
/// GET /api/dashboard/, GET /api/migrations[/{id}], POST /api/migrations/{id}/cutover, /rollback, /finish, /control and /cancel.
/// Actions need the token printed at start (header x-functions-key, as in Azure); reads need it too unless the
/// server listens on loopback only. On loopback the Host header must name loopback, so a web page elsewhere cannot
/// reach the API through a DNS name rebound to 127.0.0.1.
/// </summary>
internal sealed class DashboardServer : IAsyncDisposable
{
    /// <summary>How long the server stays up after the migration ended, so an open page shows the end.</summary>
    private static readonly TimeSpan FinalStateGrace = TimeSpan.FromSeconds(5);

    private readonly WebApplication _app;
    private readonly DurableTaskClient _client;
    private readonly string _migrationId;
    private readonly byte[] _token;
    private readonly bool _readsNeedToken;
    private volatile bool _servedAny;
    private volatile bool _servedFinal;

    private DashboardServer(WebApplication app, DurableTaskClient client, string migrationId, string token, bool readsNeedToken)
    {
        _app = app;
        _client = client;
        _migrationId = migrationId;
        Token = token;
        _token = Encoding.UTF8.GetBytes(token);
        _readsNeedToken = readsNeedToken;
    }

    /// <summary>The token that actions (and, off loopback, reads) need.</summary>
    public string Token { get; }

    /// <summary>The page's address, with the token in the fragment (never sent to a server, kept out of logs).</summary>
    public Uri PageUrl { get; private set; } = null!;

    public static async Task<DashboardServer> StartAsync(DashboardEndpoint endpoint, DurableTaskClient client, string migrationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        // Configuration files are looked for beside the CLI, not in the user's current directory, and never watched:
        // reload-on-change would inotify-watch every folder under the content root (see GrpcSidecar).
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = "flexmigrate-dashboard",
            ContentRootPath = AppContext.BaseDirectory,
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
        });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(endpoint.Address, endpoint.Port));
        var app = builder.Build();
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var server = new DashboardServer(app, client, migrationId, token, readsNeedToken: !endpoint.IsLoopback);
        server.Map(endpoint);
        await app.StartAsync(cancellationToken);
        var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var host = endpoint.Address.Equals(System.Net.IPAddress.Any) ? Environment.MachineName : bound.Host;
        server.PageUrl = new Uri($"http://{host}:{bound.Port}/api/{DashboardAssets.RoutePrefix}/#key={token}");
        return server;
    }

    private void Map(DashboardEndpoint endpoint)
    {
        if (endpoint.IsLoopback)
        {
            _app.Use(async (context, next) =>
            {
                if (context.Request.Host.Host is not ("127.0.0.1" or "localhost" or "[::1]" or "::1"))
                {
                    await ProblemAsync(context, new ProblemDetails("https://www.rfc-editor.org/rfc/rfc9110#section-15.5.4", "Forbidden.", 403,
                        $"This dashboard answers only to a loopback address, not to host '{context.Request.Host.Host}'."));
                    return;
                }

                await next(context);
            });
        }

        var page = $"/api/{DashboardAssets.RoutePrefix}";
        _app.MapGet(page + "/{**path}", ServeAssetAsync);
        _app.MapGet("/api/migrations", ListAsync);
        _app.MapGet("/api/migrations/{id}", GetAsync);
        foreach (var eventName in CutoverRaiser.Events)
        {
            _app.MapPost($"/api/migrations/{{id}}/{eventName}", (HttpContext context, string id) => SwitchAsync(context, id, eventName));
        }

        _app.MapPost("/api/migrations/{id}/control", ControlAsync);
        _app.MapPost("/api/migrations/{id}/cancel", CancelAsync);
    }

    private static async Task ServeAssetAsync(HttpContext context, string? path)
    {
        // Relative links of the page resolve against its folder, so the folder's address ends in a slash.
        if (string.IsNullOrEmpty(path) && context.Request.Path.Value?.EndsWith('/') != true)
        {
            context.Response.Redirect(context.Request.Path + "/" + context.Request.QueryString, permanent: true);
            return;
        }

        if (DashboardAssets.Find(path) is not { } asset)
        {
            await ProblemAsync(context, ProblemDetails.NotFound($"The dashboard has no file '{path}'."));
            return;
        }

        foreach (var (name, value) in DashboardAssets.SecurityHeaders)
        {
            context.Response.Headers[name] = value;
        }

        context.Response.ContentType = asset.ContentType;
        await context.Response.Body.WriteAsync(asset.Content);
    }

    private async Task ListAsync(HttpContext context)
    {
        if (await RefusedAsync(context, _readsNeedToken))
        {
            return;
        }

        var meta = await _client.GetInstanceAsync(_migrationId, getInputsAndOutputs: true, context.RequestAborted);
        await JsonAsync(context, StatusCodes.Status200OK, meta is null ? [] : new[] { MigrationStatusView.From(meta) });
    }

    private async Task GetAsync(HttpContext context, string id)
    {
        if (await RefusedAsync(context, _readsNeedToken) || await UnknownAsync(context, id))
        {
            return;
        }

        var meta = (await _client.GetInstanceAsync(id, getInputsAndOutputs: true, context.RequestAborted))!;
        _servedFinal |= meta.IsCompleted;
        await JsonAsync(context, StatusCodes.Status200OK, MigrationStatusView.From(meta));
    }

    /// <summary>Cutover, and after it rollback or finish (issue 16), as `POST /api/migrations/{id}/{event}` of the Functions app.</summary>
    private async Task SwitchAsync(HttpContext context, string id, string eventName)
    {
        if (await RefusedAsync(context, needsToken: true) || await UnknownAsync(context, id))
        {
            return;
        }

        using var reader = new StreamReader(context.Request.Body);
        var parsed = CutoverRequestParser.Parse(await reader.ReadToEndAsync(context.RequestAborted), "dashboard", requireMigrationId: false);
        if (parsed.Request is null)
        {
            await ProblemAsync(context, ProblemDetails.BadRequest(parsed.Errors));
            return;
        }

        var problem = await CutoverRaiser.RaiseAsync(_client, id, eventName, parsed.Request);
        if (problem is not null)
        {
            await ProblemAsync(context, problem);
            return;
        }

        await JsonAsync(context, StatusCodes.Status202Accepted, new Dictionary<string, object> { ["id"] = id, [eventName] = parsed.Request });
    }

    /// <summary>Pause, unpause or a setting change (docs/throttling.md), as `POST /api/migrations/{id}/control` of the Functions app.</summary>
    private async Task ControlAsync(HttpContext context, string id)
    {
        if (await RefusedAsync(context, needsToken: true) || await UnknownAsync(context, id))
        {
            return;
        }

        using var reader = new StreamReader(context.Request.Body);
        var parsed = ControlRequestParser.Parse(await reader.ReadToEndAsync(context.RequestAborted), "dashboard", requireMigrationId: false);
        var problem = parsed.Request is null ? ProblemDetails.BadRequest(parsed.Errors) : await ControlRaiser.RaiseAsync(_client, id, parsed.Request);
        if (problem is not null)
        {
            await ProblemAsync(context, problem);
            return;
        }

        await JsonAsync(context, StatusCodes.Status202Accepted, new { id, control = parsed.Request });
    }

    /// <summary>The cooperative cancel of the API: the migration ends as Cancelled and the CLI exits with 130.</summary>
    private async Task CancelAsync(HttpContext context, string id)
    {
        if (await RefusedAsync(context, needsToken: true) || await UnknownAsync(context, id))
        {
            return;
        }

        var meta = await _client.GetInstanceAsync(id, getInputsAndOutputs: false, context.RequestAborted);
        if (meta is null || meta.IsCompleted)
        {
            await ProblemAsync(context, ProblemDetails.Conflict($"Migration '{id}' already ended as {meta?.RuntimeStatus}."));
            return;
        }

        await _client.RaiseEventAsync(id, CancelSignal.EventName, "cancelled from the dashboard", context.RequestAborted);
        await JsonAsync(context, StatusCodes.Status202Accepted, new { id, status = "cancelling" });
    }

    private async Task<bool> RefusedAsync(HttpContext context, bool needsToken)
    {
        _servedAny = true;
        if (!needsToken)
        {
            return false;
        }

        var given = context.Request.Headers["x-functions-key"].FirstOrDefault() ?? context.Request.Query["code"].FirstOrDefault();
        if (given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), _token))
        {
            return false;
        }

        await ProblemAsync(context, new ProblemDetails("https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2", "Unauthorized.", 401,
            "This needs the dashboard token flexmigrate printed when it started (header x-functions-key)."));
        return true;
    }

    private async Task<bool> UnknownAsync(HttpContext context, string id)
    {
        if (id == _migrationId)
        {
            return false;
        }

        await ProblemAsync(context, ProblemDetails.MigrationNotFound(id));
        return true;
    }

    private static Task ProblemAsync(HttpContext context, ProblemDetails problem) =>
        JsonAsync(context, problem.Status, problem, "application/problem+json");

    private static async Task JsonAsync<T>(HttpContext context, int status, T body, string contentType = "application/json")
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.Headers.CacheControl = "no-store";
        await JsonSerializer.SerializeAsync(context.Response.Body, body, ApiJson.Options, context.RequestAborted);
    }

    /// <summary>Stops serving; a page that has been watching first gets a few seconds to fetch the final state.</summary>
    public async ValueTask DisposeAsync()
    {
        var deadline = DateTime.UtcNow + FinalStateGrace;
        while (_servedAny && !_servedFinal && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }
}
