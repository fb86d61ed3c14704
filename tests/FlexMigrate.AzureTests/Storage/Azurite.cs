using Azure;
using Azure.Storage.Blobs;

namespace FlexMigrate.AzureTests.Storage;

/// <summary>
/// The Azurite blob endpoint the tests use: FLEXMIGRATE_BLOB when set (scripts/azurite.sh env prints it), else the
/// default port of scripts/azurite.sh (10400), which scripts/test.sh starts before the tests.
/// </summary>
internal static class Azurite
{
    // Azurite's well-known development account and key (public, documented by Microsoft; accepted only by the emulator).
    private const string DefaultConnectionString =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        "BlobEndpoint=http://127.0.0.1:10400/devstoreaccount1;";

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("FLEXMIGRATE_BLOB") is { Length: > 0 } value ? value : DefaultConnectionString;

    /// <summary>A client for a container no other test uses (prefix fm-az-).</summary>
    public static BlobContainerClient NewContainer(BlobClientOptions? options = null) =>
        new(ConnectionString, "fm-az-" + Guid.NewGuid().ToString("N")[..16], options ?? FastOptions());

    public static BlobClientOptions FastOptions()
    {
        var options = new BlobClientOptions();
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(50);
        return options;
    }

    /// <summary>Fails with what to do when Azurite is not running, instead of a bare connection error.</summary>
    public static async Task EnsureRunningAsync()
    {
        var options = new BlobClientOptions();
        options.Retry.MaxRetries = 0;
        try
        {
            await new BlobServiceClient(ConnectionString, options).GetPropertiesAsync();
        }
        catch (Exception e) when (e is RequestFailedException or AggregateException or HttpRequestException)
        {
            throw new InvalidOperationException(
                "Azurite is not reachable (FLEXMIGRATE_BLOB or 127.0.0.1:10400): run scripts/azurite.sh start (scripts/test.sh does).", e);
        }
    }
}
