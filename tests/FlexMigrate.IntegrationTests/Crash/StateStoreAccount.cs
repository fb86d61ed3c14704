namespace FlexMigrate.IntegrationTests.Crash;

/// <summary>
/// The Azurite account scripts/test.sh starts (FLEXMIGRATE_TEST_STATE_STORE, the FLEXMIGRATE_STATE_STORE of scripts/azurite.sh
/// env under a name the CLI does not read), passed to the crash tests' CLI runs as --state-store; defaults to the
/// script's default ports.
/// </summary>
internal static class StateStoreAccount
{
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public static string ConnectionString { get; } = Environment.GetEnvironmentVariable("FLEXMIGRATE_TEST_STATE_STORE") is { Length: > 0 } fromEnv
        ? fromEnv
        : "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + Key
            + $";BlobEndpoint=http://127.0.0.1:{Port("BLOB", 10400)}/devstoreaccount1"
            + $";QueueEndpoint=http://127.0.0.1:{Port("QUEUE", 10401)}/devstoreaccount1"
            + $";TableEndpoint=http://127.0.0.1:{Port("TABLE", 10402)}/devstoreaccount1;";

    private static string Port(string service, int fallback) =>
        Environment.GetEnvironmentVariable($"FLEXMIGRATE_AZURITE_{service}_PORT") ?? fallback.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
