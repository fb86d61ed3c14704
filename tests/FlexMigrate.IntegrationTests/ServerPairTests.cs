using FlexMigrate.IntegrationTests.Infrastructure;

namespace FlexMigrate.IntegrationTests;

public class ServerPairTests
{
    [Fact]
    public async Task Source_writes_a_full_row_image_binlog()
    {
        var format = await ServerPair.ScalarAsync(ServerPair.SourceConnectionString,
            "SELECT CONCAT(@@log_bin, ' ', @@binlog_format, ' ', @@binlog_row_image)");
        Assert.Equal("ON ROW FULL", format);
    }

    [Fact]
    public async Task Target_is_a_different_server()
    {
        var source = await ServerPair.ScalarAsync(ServerPair.SourceConnectionString, "SELECT @@server_id");
        var target = await ServerPair.ScalarAsync(ServerPair.TargetConnectionString, "SELECT @@server_id");
        Assert.NotEqual(source, target);
    }
}
