using FlexMigrate.Core.Replication;
using FlexMigrate.IntegrationTests.Infrastructure;

namespace FlexMigrate.IntegrationTests.Ledger;

public sealed class BinlogRetentionCheckTests
{
    [Fact]
    public async Task A_kept_file_passes_and_a_purged_one_is_named_with_the_choice_left()
    {
        var current = (string)(await ServerPair.ScalarAsync(ServerPair.SourceConnectionString, "SELECT SUBSTRING_INDEX(@@log_bin_basename, '/', -1)"))!;
        var kept = await FirstKeptAsync();
        await BinlogRetentionCheck.EnsureAvailableAsync(ServerPair.SourceConnectionString, kept, "migration-x", ["shop"]);

        var gap = await Assert.ThrowsAsync<ReplicationGapException>(() =>
            BinlogRetentionCheck.EnsureAvailableAsync(ServerPair.SourceConnectionString, current + ".000000", "migration-x", ["shop", "crm"]));

        Assert.Contains($"no longer has binlog file {current}.000000, where migration migration-x must continue replicating", gap.Message, StringComparison.Ordinal);
        Assert.Contains($"(it keeps {kept} to ", gap.Message, StringComparison.Ordinal);
        Assert.Contains("copy the affected databases (shop, crm) again", gap.Message, StringComparison.Ordinal);
    }

    private static async Task<string> FirstKeptAsync()
    {
        await using var c = await ServerPair.OpenSourceAsync();
        await using var cmd = new MySqlConnector.MySqlCommand("SHOW BINARY LOGS", c);
        await using var r = await cmd.ExecuteReaderAsync();
        await r.ReadAsync();
        return r.GetString(0);
    }
}
