using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Azure.Core.Serialization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.Options;

namespace FlexMigrate.Tests.Functions;

/// <summary>
/// Just enough of the Functions worker's HTTP types to call the HTTP functions directly (the host cannot run here):
/// a request with a body and URL, and a response that keeps status, headers and body.
/// </summary>
internal sealed class FakeHttpRequest(string method, string url, string body = "") : HttpRequestData(new FakeFunctionContext())
{
    public override Stream Body { get; } = new MemoryStream(Encoding.UTF8.GetBytes(body));

    public override HttpHeadersCollection Headers { get; } = [];

    public override IReadOnlyCollection<IHttpCookie> Cookies { get; } = [];

    public override Uri Url { get; } = new(url);

    public override IEnumerable<ClaimsIdentity> Identities { get; } = [];

    public override string Method { get; } = method;

    public override HttpResponseData CreateResponse() => new FakeHttpResponse(FunctionContext);
}

internal sealed class FakeHttpResponse(FunctionContext context) : HttpResponseData(context)
{
    public override System.Net.HttpStatusCode StatusCode { get; set; }

    public override HttpHeadersCollection Headers { get; set; } = [];

    public override Stream Body { get; set; } = new MemoryStream();

    public override HttpCookies Cookies => throw new NotSupportedException("The API sets no cookies.");

    public string Text() => Encoding.UTF8.GetString(((MemoryStream)Body).ToArray());

    public JsonElement Json() => JsonDocument.Parse(Text()).RootElement;

    public string ContentType => string.Join(",", Headers.GetValues("Content-Type"));
}

internal sealed class FakeFunctionContext : FunctionContext
{
    public override string InvocationId { get; } = Guid.NewGuid().ToString();

    public override string FunctionId { get; } = "test";

    public override TraceContext TraceContext => throw new NotSupportedException();

    public override BindingContext BindingContext => throw new NotSupportedException();

    public override RetryContext RetryContext => throw new NotSupportedException();

    public override IServiceProvider InstanceServices { get; set; } = new WorkerServices();

    public override FunctionDefinition FunctionDefinition => throw new NotSupportedException();

    public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();

    public override IInvocationFeatures Features => throw new NotSupportedException();

    /// <summary>
    /// Only the worker options, whose JSON serializer the durable client's check-status responses use (camelCase, as
    /// the isolated worker's default).
    /// </summary>
    private sealed class WorkerServices : IServiceProvider
    {
        private readonly IOptions<WorkerOptions> options = Options.Create(new WorkerOptions
        {
            Serializer = new JsonObjectSerializer(new JsonSerializerOptions(JsonSerializerDefaults.Web)),
        });

        public object? GetService(Type serviceType) => serviceType == typeof(IOptions<WorkerOptions>) ? options : null;
    }
}
