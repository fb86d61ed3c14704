using FlexMigrate.IntegrationTests.Infrastructure;
using FlexMigrate.Orchestration.Contracts;

namespace FlexMigrate.IntegrationTests.Copy;

/// <summary>
/// Rows up to 64 MB (issue 20): a LONGBLOB of exactly 64 MiB holding every byte value (the LOAD DATA stream's
/// escapes: NUL, tab, newline, backslash) goes through the whole migration and arrives byte for byte, checked by
/// SHA-256 and length computed on each server, not through the copier.
/// </summary>
public class LargeRowMigrationTests
{
    private const string Db = "fm_copy_64mb_row";

    [Fact]
    public async Task A_64_MiB_row_round_trips_exactly()
    {
        await ServerPair.ResetDatabasesAsync(Db);
        // 256 distinct bytes repeated 262,144 times: 67,108,864 bytes. The test servers' max_allowed_packet is 256 MiB.
        var everyByte = Convert.ToHexString([.. Enumerable.Range(0, 256).Select(i => (byte)i)]);
        await ServerPair.ExecSourceAsync($"""
            CREATE DATABASE `{Db}`; USE `{Db}`;
            CREATE TABLE blobs (id INT NOT NULL PRIMARY KEY, b LONGBLOB NULL, note VARCHAR(20) NOT NULL);
            INSERT INTO blobs VALUES (1, REPEAT(X'{everyByte}', 262144), 'sixty-four MiB'), (2, NULL, 'null'), (3, '', 'empty'),
              (4, REVERSE(REPEAT(X'{everyByte}', 4096)), 'one MiB');
            ANALYZE TABLE blobs;
            """);

        var report = InProcessMigration.ReportOf(await InProcessMigration.RunAsync(
            InProcessMigration.Request([Db], new MigrationOptions(Parallelism: 2, SkipPrecheck: true))));

        Assert.Equal(MigrationOutcome.Succeeded, report.Outcome);
        Assert.Equal(4, report.RowsCopied);
        const string Prints = $"SELECT GROUP_CONCAT(CONCAT(id, ':', IFNULL(LENGTH(b), -1), ':', IFNULL(SHA2(b, 256), '-'), ':', note) ORDER BY id SEPARATOR '|') FROM `{Db}`.blobs";
        var source = (string?)await ServerPair.ScalarAsync(ServerPair.SourceConnectionString, Prints);
        Assert.Contains("1:67108864:", source, StringComparison.Ordinal);
        Assert.Equal(source, (string?)await ServerPair.ScalarAsync(ServerPair.TargetConnectionString, Prints));
    }
}
