using FlexMigrate.Core.Binlog;
using FlexMigrate.IntegrationTests.Infrastructure;
using MySqlConnector;

namespace FlexMigrate.IntegrationTests.Binlog;

/// <summary>Each failure a migration can hit gives its own exception with a message that says what to do.</summary>
[Collection(BinlogCollection.Name)]
public sealed class FailureTests
{
    [Fact]
    public async Task A_purged_position_gives_the_purged_error()
    {
        // A purged file and one that never existed are the same to the server: not in its binlog index (error 1236).
        // The test asks for file number 0 (numbering starts at 1) instead of running PURGE BINARY LOGS, which on the
        // shared CI server could delete files other tests are reading. Checked by hand with a real PURGE: same error.
        var client = BinlogTestSupport.Client();
        var current = await client.GetCurrentPositionAsync();
        var gone = new BinlogPosition(current.File[..current.File.LastIndexOf('.')] + ".000000", 4);

        var ex = await Assert.ThrowsAsync<BinlogPositionPurgedException>(async () =>
        {
            await foreach (var _ in client.ReadTransactionsAsync(BinlogStartPosition.At(gone), new BinlogReadOptions { StopAtEnd = true }))
            {
            }
        });

        Assert.Equal(1236, ex.ErrorCode);
        Assert.Contains(gone.ToString(), ex.Message, StringComparison.Ordinal);
        Assert.Contains("Could not find first log file name", ex.Message, StringComparison.Ordinal);
        Assert.Contains("retention", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_without_binlog_says_so()
    {
        // The replica: the target logs binlogs (as Flexible Server does) since reverse replication reads them.
        var client = new BinlogClient(ServerPair.ReplicaConnectionString);

        await Assert.ThrowsAsync<BinlogDisabledException>(() => client.GetCurrentPositionAsync());
        await Assert.ThrowsAsync<BinlogDisabledException>(async () =>
        {
            await foreach (var _ in client.ReadTransactionsAsync(BinlogStartPosition.At(new BinlogPosition("mysql-bin.000001", 4)), new BinlogReadOptions { StopAtEnd = true }))
            {
            }
        });
    }

    [Fact]
    public async Task Wrong_password_and_missing_privilege_are_told_apart()
    {
        await ServerPair.ExecSourceAsync("DROP USER IF EXISTS 'fm_binlog_user'@'%'; CREATE USER 'fm_binlog_user'@'%' IDENTIFIED BY 'right-pw'");
        var builder = new MySqlConnectorBuilder(ServerPair.SourceConnectionString);

        var wrong = new BinlogClient(builder.With("fm_binlog_user", "wrong-pw"));
        var denied = await Assert.ThrowsAsync<BinlogAuthenticationException>(async () =>
        {
            await foreach (var _ in wrong.ReadTransactionsAsync(BinlogStartPosition.At(new BinlogPosition("mysql-bin.000001", 4)), new BinlogReadOptions { ServerId = 4242, StopAtEnd = true }))
            {
            }
        });
        Assert.Equal(1045, denied.ErrorCode);

        var unprivileged = new BinlogClient(builder.With("fm_binlog_user", "right-pw"));
        var refused = await Assert.ThrowsAsync<BinlogPrivilegeException>(async () =>
        {
            await foreach (var _ in unprivileged.ReadTransactionsAsync(BinlogStartPosition.At(new BinlogPosition("mysql-bin.000001", 4)), new BinlogReadOptions { ServerId = 4243, StopAtEnd = true }))
            {
            }
        });
        Assert.Contains("REPLICATION SLAVE", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_table_changed_since_the_event_fails_with_a_schema_mismatch_when_metadata_comes_from_the_catalog()
    {
        const string db = "fm_binlog_drift";
        var from = await BinlogTestSupport.CreateTableAsync(db, "(id INT UNSIGNED PRIMARY KEY, v VARCHAR(5))");
        await ServerPair.ExecSourceAsync($"INSERT INTO {db}.t VALUES (4000000000, 'a')");

        var fromCatalog = new BinlogReadOptions { PreferCatalogSchema = true };
        var row = (await BinlogTestSupport.ReadToEndAsync(from, db, fromCatalog)).Rows().Single();
        Assert.Equal(4000000000UL, row.Value("id"));

        await ServerPair.ExecSourceAsync($"ALTER TABLE {db}.t ADD COLUMN extra INT");
        var ex = await Assert.ThrowsAsync<BinlogSchemaMismatchException>(() => BinlogTestSupport.ReadToEndAsync(from, db, fromCatalog));
        Assert.Contains($"`{db}`.`t` has 2 columns but information_schema shows 3", ex.Message, StringComparison.Ordinal);
    }

    private sealed class MySqlConnectorBuilder(string baseConnectionString)
    {
        public string With(string user, string password) =>
            new MySqlConnectionStringBuilder(baseConnectionString) { UserID = user, Password = password }.ConnectionString;
    }
}
