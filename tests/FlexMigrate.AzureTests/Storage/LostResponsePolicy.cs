using Azure.Core;
using Azure.Core.Pipeline;

namespace FlexMigrate.AzureTests.Storage;

/// <summary>
/// Counts blob uploads (PUT) and, when armed, lets the next upload reach the server but then fails it with an
/// IOException, as if the connection dropped before the response arrived. The client's retry policy then sends the
/// same upload again: the situation of a retried activity whose first write actually landed.
/// </summary>
internal sealed class LostResponsePolicy : HttpPipelinePolicy
{
    private int armed;
    private int puts;

    public int Puts => Volatile.Read(ref puts);

    public void LoseNextUploadResponse() => Volatile.Write(ref armed, 1);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline);
        if (message.Request.Method != RequestMethod.Put || message.Request.Uri.Query.Contains("restype=container", StringComparison.Ordinal))
        {
            return;
        }

        Interlocked.Increment(ref puts);
        if (Interlocked.Exchange(ref armed, 0) == 1)
        {
            throw new IOException($"Simulated lost response after the upload reached the server (HTTP {message.Response.Status}).");
        }
    }
}
