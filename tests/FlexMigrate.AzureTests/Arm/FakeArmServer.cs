using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Azure.Core.Pipeline;
using FlexMigrate.Azure.Arm;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FlexMigrate.AzureTests.Arm;

/// <summary>
/// An in-process fake of the Resource Manager endpoints FlexMigrate uses for MySQL servers: server GET/PATCH,
/// configurations list (paged)/GET/PUT/PATCH, POST stop/start, and operation status for long-running operations.
/// HTTPS with an in-memory self-signed certificate, because Azure.Core refuses bearer tokens over plain http
/// (stack-facts.md). It checks the bearer header and the api-version per resource type, like ARM.
/// Writes answer 202 with an Azure-AsyncOperation URL; polls answer InProgress <see cref="InProgressPolls"/> times, then Succeeded.
/// </summary>
internal sealed class FakeArmServer : IAsyncDisposable
{
    private const string Flexible = "Microsoft.DBforMySQL/flexibleServers";
    private const string Single = "Microsoft.DBforMySQL/servers";

    private readonly ConcurrentDictionary<string, FakeServer> servers = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, int> operations = new();
    private readonly List<FailureRule> failures = [];
    private readonly List<RecordedRequest> requests = [];
    private readonly Lock gate = new();
    private readonly WebApplication app;
    private readonly X509Certificate2 certificate;
    private readonly HttpClientHandler handler;

    private FakeArmServer(WebApplication app, X509Certificate2 certificate)
    {
        this.app = app;
        this.certificate = certificate;
        var thumbprint = certificate.Thumbprint;
        handler = new HttpClientHandler
        {
            // Trust exactly the fake's certificate, nothing else.
            ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert?.Thumbprint == thumbprint,
        };
        Transport = new HttpClientTransport(handler);
    }

    public Uri Endpoint { get; private set; } = null!;

    public HttpClientTransport Transport { get; }

    /// <summary>Polls of each new operation that answer InProgress before Succeeded; int.MaxValue never finishes.</summary>
    public int InProgressPolls { get; set; }

    /// <summary>When true, accepted writes carry only a Location header (202 while running, 200 when done) instead of
    /// Azure-AsyncOperation; both styles are in ARM's async API guidelines.</summary>
    public bool UseLocationHeader { get; set; }

    /// <summary>When set, operations end Failed with this ARM error code.</summary>
    public string? FailOperationsWithCode { get; set; }

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (gate)
            {
                return [.. requests];
            }
        }
    }

    /// <summary>Forgets servers, requests, failure rules and operation settings, so one fake can serve a class's tests
    /// one after another (xunit runs a class's tests sequentially); starting Kestrel per test cost more than the tests.</summary>
    public void Reset()
    {
        servers.Clear();
        operations.Clear();
        InProgressPolls = 0;
        FailOperationsWithCode = null;
        UseLocationHeader = false;
        lock (gate)
        {
            failures.Clear();
            requests.Clear();
        }
    }

    public static async Task<FakeArmServer> StartAsync()
    {
        var certificate = CreateCertificate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(certificate)));
        var app = builder.Build();
        var fake = new FakeArmServer(app, certificate);
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        fake.Endpoint = new Uri(address);
        return fake;
    }

    /// <summary>A connection to this fake with fast polling and retries, overridable per test.</summary>
    public ArmConnection Connect(Func<AzureArmOptions, AzureArmOptions>? adjust = null)
    {
        var options = new AzureArmOptions
        {
            Endpoint = Endpoint,
            Transport = Transport,
            PollInterval = TimeSpan.FromMilliseconds(20),
            RetryDelay = TimeSpan.FromMilliseconds(20),
            MaxRetries = 2,
            OperationTimeout = TimeSpan.FromSeconds(20),
        };
        return new ArmConnection(new StaticTokenCredential(), adjust is null ? options : adjust(options));
    }

    public static string FlexibleId(string name) => $"/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-fm/providers/{Flexible}/{name}";

    public static string SingleId(string name) => $"/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-fm/providers/{Single}/{name}";

    public void AddServer(string id, JsonObject resource) => servers[id] = new FakeServer(id.Contains(Flexible, StringComparison.OrdinalIgnoreCase), resource);

    public void SetParameter(string serverId, string name, string value, bool isReadOnly = false, bool isDynamic = true) =>
        servers[serverId].Parameters[name] = new FakeParameter(value, isReadOnly, isDynamic);

    public string Parameter(string serverId, string name) => servers[serverId].Parameters[name].Value;

    public JsonObject Resource(string serverId) => servers[serverId].Resource;

    /// <summary>The next <paramref name="times"/> requests with this method whose path ends with <paramref name="pathSuffix"/> fail.</summary>
    public void FailNext(string method, string pathSuffix, int status, string code, int times = 1, int? retryAfterSeconds = null)
    {
        lock (gate)
        {
            failures.Add(new FailureRule(method, pathSuffix, status, code, retryAfterSeconds) { Remaining = times });
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        Transport.Dispose();
        handler.Dispose();
        certificate.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var body = await new StreamReader(request.Body).ReadToEndAsync();
        var path = request.Path.Value ?? string.Empty;
        var apiVersion = request.Query["api-version"].ToString();
        lock (gate)
        {
            requests.Add(new RecordedRequest(request.Method, path, apiVersion, body));
        }

        if (!request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.Ordinal))
        {
            await ErrorAsync(context, 401, "AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing.");
            return;
        }

        if (TakeFailure(request.Method, path) is { } failure)
        {
            if (failure.RetryAfterSeconds is { } seconds)
            {
                context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            await ErrorAsync(context, failure.Status, failure.Code, $"Fake {failure.Code} for {request.Method} {path}.");
            return;
        }

        if (path.StartsWith("/operations/", StringComparison.Ordinal))
        {
            await OperationStatusAsync(context, path["/operations/".Length..]);
            return;
        }

        var server = servers.FirstOrDefault(s => path.Equals(s.Key, StringComparison.OrdinalIgnoreCase)
            || path.StartsWith(s.Key + "/", StringComparison.OrdinalIgnoreCase));
        if (server.Value is null)
        {
            await ErrorAsync(context, 404, "ResourceNotFound", $"The Resource '{path}' under resource group 'rg-fm' was not found.");
            return;
        }

        await ServerRequestAsync(context, server.Key, server.Value, path[server.Key.Length..], apiVersion, body);
    }

    private async Task ServerRequestAsync(HttpContext context, string id, FakeServer server, string rest, string apiVersion, string body)
    {
        var method = context.Request.Method;
        var expectedVersion = server.IsFlexible ? "2023-12-30" : rest is "/stop" or "/start" ? "2020-01-01" : "2017-12-01";
        if (apiVersion != expectedVersion)
        {
            await ErrorAsync(context, 400, "InvalidApiVersionParameter", $"The api-version '{apiVersion}' is invalid here; expected {expectedVersion}.");
            return;
        }

        const string configurations = "/configurations";
        switch (method, rest)
        {
            case ("GET", ""):
                await JsonAsync(context, 200, server.Resource);
                return;
            case ("PATCH", ""):
                server.Resource["sku"] = JsonNode.Parse(body)!["sku"]!.DeepClone();
                await AcceptedAsync(context);
                return;
            case ("GET", configurations):
                await ConfigurationPageAsync(context, id, server);
                return;
            case ("GET", _) when rest.StartsWith(configurations + "/", StringComparison.Ordinal):
                await ConfigurationAsync(context, id, server, rest[(configurations.Length + 1)..]);
                return;
            case ("PUT" or "PATCH", _) when rest.StartsWith(configurations + "/", StringComparison.Ordinal):
                await SetConfigurationAsync(context, id, server, rest[(configurations.Length + 1)..], body);
                return;
            case ("POST", "/stop" or "/start"):
                var state = rest == "/stop" ? "Stopped" : "Ready";
                server.Resource["properties"]![server.IsFlexible ? "state" : "userVisibleState"] = state;
                await AcceptedAsync(context);
                return;
            default:
                await ErrorAsync(context, 405, "MethodNotAllowed", $"The fake does not serve {method} {rest}.");
                return;
        }
    }

    private async Task ConfigurationPageAsync(HttpContext context, string id, FakeServer server)
    {
        // Three per page, so discovery has to follow nextLink like on a real Flexible Server.
        const int pageSize = 3;
        var skip = int.TryParse(context.Request.Query["$skipToken"], out var token) ? token : 0;
        var names = server.Parameters.Keys.Order(StringComparer.Ordinal).ToList();
        var page = new JsonArray([.. names.Skip(skip).Take(pageSize).Select(n => (JsonNode)ConfigurationJson(id, server, n))]);
        var result = new JsonObject { ["value"] = page };
        if (skip + pageSize < names.Count)
        {
            result["nextLink"] = $"{Endpoint.ToString().TrimEnd('/')}{id}/configurations?api-version={context.Request.Query["api-version"]}&$skipToken={skip + pageSize}";
        }

        await JsonAsync(context, 200, result);
    }

    private async Task ConfigurationAsync(HttpContext context, string id, FakeServer server, string name)
    {
        if (!server.Parameters.ContainsKey(name))
        {
            await ErrorAsync(context, 404, "ResourceNotFound", $"Configuration '{name}' does not exist on {id}.");
            return;
        }

        await JsonAsync(context, 200, ConfigurationJson(id, server, name));
    }

    private async Task SetConfigurationAsync(HttpContext context, string id, FakeServer server, string name, string body)
    {
        // Single Server (2017-12-01) has only PUT; Flexible Server is driven with PATCH.
        if (context.Request.Method != (server.IsFlexible ? "PATCH" : "PUT") || !server.Parameters.TryGetValue(name, out var parameter))
        {
            await ErrorAsync(context, 400, "BadRequest", $"Unexpected {context.Request.Method} of configuration '{name}'.");
            return;
        }

        server.Parameters[name] = parameter with { Value = JsonNode.Parse(body)!["properties"]!["value"]!.GetValue<string>() };
        if (server.IsFlexible)
        {
            await AcceptedAsync(context);
            return;
        }

        await JsonAsync(context, 200, ConfigurationJson(id, server, name));
    }

    private static JsonObject ConfigurationJson(string id, FakeServer server, string name)
    {
        var parameter = server.Parameters[name];
        var properties = new JsonObject { ["value"] = parameter.Value, ["source"] = "system-default", ["dataType"] = "String" };
        if (server.IsFlexible)
        {
            properties["isReadOnly"] = parameter.IsReadOnly ? "True" : "False";
            properties["isDynamicConfig"] = parameter.IsDynamic ? "True" : "False";
        }

        return new JsonObject { ["id"] = $"{id}/configurations/{name}", ["name"] = name, ["properties"] = properties };
    }

    private async Task AcceptedAsync(HttpContext context)
    {
        var operationId = Guid.NewGuid().ToString("N");
        operations[operationId] = InProgressPolls;
        context.Response.StatusCode = 202;
        var header = UseLocationHeader ? "Location" : "Azure-AsyncOperation";
        var kind = UseLocationHeader ? "location" : "async";
        context.Response.Headers[header] = $"{Endpoint.ToString().TrimEnd('/')}/operations/{kind}/{operationId}?api-version=2023-12-30";
        await context.Response.CompleteAsync();
    }

    private async Task OperationStatusAsync(HttpContext context, string path)
    {
        var isLocation = path.StartsWith("location/", StringComparison.Ordinal);
        var operationId = path[(path.IndexOf('/', StringComparison.Ordinal) + 1)..];
        var remaining = operations.GetValueOrDefault(operationId);
        if (remaining > 0)
        {
            operations[operationId] = remaining == int.MaxValue ? remaining : remaining - 1;
            await JsonAsync(context, isLocation ? 202 : 200, new JsonObject { ["name"] = operationId, ["status"] = "InProgress" });
            return;
        }

        if (isLocation)
        {
            context.Response.StatusCode = 200;
            await context.Response.CompleteAsync();
            return;
        }

        var result = new JsonObject { ["name"] = operationId, ["status"] = FailOperationsWithCode is null ? "Succeeded" : "Failed" };
        if (FailOperationsWithCode is { } code)
        {
            result["error"] = new JsonObject { ["code"] = code, ["message"] = "Fake operation failure." };
        }

        await JsonAsync(context, 200, result);
    }

    private FailureRule? TakeFailure(string method, string path)
    {
        lock (gate)
        {
            var rule = failures.FirstOrDefault(f => f.Remaining > 0 && f.Method == method && path.EndsWith(f.PathSuffix, StringComparison.OrdinalIgnoreCase));
            if (rule is not null)
            {
                rule.Remaining--;
            }

            return rule;
        }
    }

    private static Task ErrorAsync(HttpContext context, int status, string code, string message) =>
        JsonAsync(context, status, new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } });

    private static async Task JsonAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString());
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        // Round trip through PKCS#12 so the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), password: null);
    }

    private sealed record FakeServer(bool IsFlexible, JsonObject Resource)
    {
        public ConcurrentDictionary<string, FakeParameter> Parameters { get; } = new(StringComparer.OrdinalIgnoreCase);
    }

    private sealed record FakeParameter(string Value, bool IsReadOnly, bool IsDynamic);

    private sealed record FailureRule(string Method, string PathSuffix, int Status, string Code, int? RetryAfterSeconds)
    {
        public int Remaining { get; set; }
    }
}
