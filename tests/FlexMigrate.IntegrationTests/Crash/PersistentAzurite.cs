using System.Globalization;

namespace FlexMigrate.IntegrationTests.Crash;

/// <summary>
/// An Azurite of its own that keeps its data on disk (the suite's shared one keeps it in memory, so a restart would
/// lose every task hub), started through scripts/azurite.sh on the three ports after the shared one's
/// (FLEXMIGRATE_AZURITE_BLOB_PORT + 3, + 4, + 5), so it can be restarted under a running migration.
/// </summary>
internal sealed class PersistentAzurite : IAsyncDisposable
{
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly Dictionary<string, string> _environment;
    private readonly string _location;

    private PersistentAzurite(int blobPort)
    {
        _location = Path.Combine(Path.GetTempPath(), $"flexmigrate-azurite-{blobPort}-{Guid.NewGuid():N}");
        _environment = new Dictionary<string, string>
        {
            ["FLEXMIGRATE_AZURITE_BLOB_PORT"] = Text(blobPort),
            ["FLEXMIGRATE_AZURITE_QUEUE_PORT"] = Text(blobPort + 1),
            ["FLEXMIGRATE_AZURITE_TABLE_PORT"] = Text(blobPort + 2),
            ["FLEXMIGRATE_AZURITE_LOCATION"] = _location,
        };
        ConnectionString = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + Key
            + $";BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1"
            + $";QueueEndpoint=http://127.0.0.1:{blobPort + 1}/devstoreaccount1"
            + $";TableEndpoint=http://127.0.0.1:{blobPort + 2}/devstoreaccount1;";
    }

    public string ConnectionString { get; }

    public static async Task<PersistentAzurite> StartAsync()
    {
        var shared = int.Parse(Environment.GetEnvironmentVariable("FLEXMIGRATE_AZURITE_BLOB_PORT") ?? "10400", CultureInfo.InvariantCulture);
        var azurite = new PersistentAzurite(shared + 3);
        await ServerControl.RunScriptAsync("azurite.sh", azurite._environment, "start");
        return azurite;
    }

    /// <summary>Stops the process and starts it again on the same data.</summary>
    public async Task RestartAsync()
    {
        await ServerControl.RunScriptAsync("azurite.sh", _environment, "stop");
        await ServerControl.RunScriptAsync("azurite.sh", _environment, "start");
    }

    public async ValueTask DisposeAsync()
    {
        await ServerControl.RunScriptAsync("azurite.sh", _environment, "stop");
        Directory.Delete(_location, recursive: true);
    }

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);
}
