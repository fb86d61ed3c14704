namespace FlexMigrate.IntegrationTests.Precheck;

/// <summary>
/// Two scratch servers for the rules that need server settings the shared pair must keep:
/// <see cref="Binlog"/> writes a ROW/FULL binlog like the shared source (its globals are changed and restored by
/// tests); <see cref="NoBinlogLowerCase"/> runs without a binlog and with lower_case_table_names=1 (Azure's default),
/// settings that cannot change at runtime.
/// </summary>
public sealed class PrecheckScratchServers : IAsyncLifetime
{
    public ScratchServer Binlog { get; private set; } = null!;

    public ScratchServer NoBinlogLowerCase { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var binlog = ScratchServer.StartAsync("binlog", "--server-id=31", "--log-bin=mysql-bin", "--binlog-format=ROW",
            "--binlog-row-image=FULL", "--expire-logs-days=7");
        var plain = ScratchServer.StartAsync("lctn", "--server-id=32", "--skip-log-bin", "--lower-case-table-names=1");
        Binlog = await binlog;
        NoBinlogLowerCase = await plain;
    }

    public async Task DisposeAsync()
    {
        await Binlog.DisposeAsync();
        await NoBinlogLowerCase.DisposeAsync();
    }
}
