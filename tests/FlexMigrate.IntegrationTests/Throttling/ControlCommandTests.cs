using System.Globalization;
using System.Text.RegularExpressions;
using FlexMigrate.IntegrationTests.Browser;
using FlexMigrate.IntegrationTests.Infrastructure;
using MySqlConnector;

namespace FlexMigrate.IntegrationTests.Throttling;

/// <summary>
/// `flexmigrate control` from a second terminal on a running `flexmigrate migrate` (two real processes): every
/// migration, offline too, prints its id; pause stops the copy (the target's row count stands still), unpause and
/// `set max-rows-per-second=none` speed it up again, and each command is acknowledged with the time it took effect.
/// </summary>
[Collection(ThrottleCollection.Name)]
public sealed partial class ControlCommandTests
{
    private const string Db = "fm_throttle_cli";
    private const string GroupsDb = "fm_throttle_groups";

    [Fact]
    public async Task Pause_unpause_and_set_from_another_process_change_a_running_offline_migration()
    {
        await ServerPair.ResetDatabasesAsync(Db);
        await ServerPair.ExecSourceAsync($"""
            CREATE DATABASE `{Db}`; USE `{Db}`;
            CREATE TABLE t (id INT NOT NULL PRIMARY KEY, v VARCHAR(40) NOT NULL);
            INSERT INTO t SELECT seq, MD5(seq) FROM seq_1_to_60000;
            ANALYZE TABLE t;
            """);
        await using var migrate = CliProcess.Start("migrate", "--databases", Db, "--parallelism", "2", "--chunk-rows", "1000",
            "--max-rows-per-second", "3000", "--no-validate");
        var id = await migrate.WaitForLineAsync(MigrationId(), TimeSpan.FromSeconds(60));
        await WaitForTargetRowsAsync(3_000);

        await ControlAsync(id, "pause");
        await migrate.WaitForLineAsync(new Regex(@"Control: pause took effect at (\d\d:\d\d:\d\d) UTC"), TimeSpan.FromSeconds(10));
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var paused = await TargetRowsAsync();
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(paused, await TargetRowsAsync());

        await ControlAsync(id, "set", "max-rows-per-second=none");
        await ControlAsync(id, "unpause");
        await migrate.WaitForLineAsync(new Regex(@"Control: unpause took effect at (\d\d:\d\d:\d\d) UTC"), TimeSpan.FromSeconds(10));
        // The rest (at least 40,000 rows) would take 13 s at 3,000 rows/s; unlimited it takes a few.
        var (exit, _) = await migrate.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(0, exit);
        Assert.Contains("Control: set max-rows-per-second=none took effect at", migrate.ErrorText, StringComparison.Ordinal);
        Assert.Equal(await TableFingerprint.OfAsync(ServerPair.SourceConnectionString, Db, "t"), await TableFingerprint.OfAsync(ServerPair.TargetConnectionString, Db, "t"));
    }

    /// <summary>
    /// Small tables are copied by copy groups, sub-orchestrations that run their batches one at a time (issue 20): a
    /// pause must reach the group in flight, not only the groups not yet started. One slot and 500 ten-row tables make
    /// groups of 125 tables, two batches each (100, then 25); paused in the first group's first batch, the copy stops
    /// when that batch ends (at most 1,000 rows), where a group that never heard of the pause would go on to 1,250.
    /// </summary>
    [Fact]
    public async Task Pause_reaches_the_copy_group_in_flight_and_holds_its_next_batch()
    {
        const int Tables = 500;
        await ServerPair.ResetDatabasesAsync(GroupsDb);
        await ServerPair.ExecSourceAsync($"CREATE DATABASE `{GroupsDb}`; USE `{GroupsDb}`; " + string.Concat(Enumerable.Range(1, Tables).Select(i =>
            $"CREATE TABLE t{i:D4} (id INT NOT NULL PRIMARY KEY, v VARCHAR(40) NOT NULL); INSERT INTO t{i:D4} SELECT seq, MD5(seq) FROM seq_1_to_10;")));
        // 50 rows/s: the first batch's 1,000 rows take 20 s, time enough for the pause to arrive on a loaded machine.
        await using var migrate = CliProcess.Start("migrate", "--databases", GroupsDb, "--parallelism", "1",
            "--max-rows-per-second", "50", "--no-validate");
        var id = await migrate.WaitForLineAsync(MigrationId(), TimeSpan.FromSeconds(120));
        await WaitForAsync(() => GroupRowsAsync(Tables), 100, TimeSpan.FromSeconds(300), () => migrate.ErrorText);

        await ControlAsync(id, "pause");
        await migrate.WaitForLineAsync(new Regex(@"Control: pause took effect at (\d\d:\d\d:\d\d) UTC"), TimeSpan.FromSeconds(60));
        // The batch in flight ends (rows stop growing for 4 s), then nothing more starts.
        var paused = await SettledAsync(() => GroupRowsAsync(Tables), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(90));
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.Equal(paused, await GroupRowsAsync(Tables));
        Assert.InRange(paused, 100, 1_000);

        await ControlAsync(id, "set", "max-rows-per-second=none");
        await ControlAsync(id, "unpause");
        var (exit, _) = await migrate.WaitForExitAsync(TimeSpan.FromSeconds(300));
        Assert.True(exit == 0, migrate.ErrorText);
        Assert.Equal(await GroupChecksumAsync(ServerPair.SourceConnectionString, Tables), await GroupChecksumAsync(ServerPair.TargetConnectionString, Tables));
    }

    [Fact]
    public async Task A_bad_command_is_refused_with_exit_code_2_before_anything_is_sent()
    {
        await using var control = CliProcess.Start("control", "migration-20261207-000000-abcdef", "set", "parallelism=0");
        var (exit, _) = await control.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(2, exit);
        Assert.Contains("parallelism must be a whole number from 1 to 64", control.ErrorText, StringComparison.Ordinal);
    }

    private static async Task ControlAsync(params string[] args)
    {
        await using var control = CliProcess.Start(["control", .. args]);
        var (exit, _) = await control.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.True(exit == 0, control.ErrorText);
    }

    /// <summary>Rows committed on the target (each chunk commits once); 0 before the table is created.</summary>
    private static async Task<long> TargetRowsAsync()
    {
        try
        {
            return Convert.ToInt64(await ServerPair.ScalarAsync(ServerPair.TargetConnectionString, $"SELECT COUNT(*) FROM `{Db}`.t"), CultureInfo.InvariantCulture);
        }
        catch (MySqlException ex) when (ex.ErrorCode is MySqlErrorCode.NoSuchTable or MySqlErrorCode.UnknownDatabase)
        {
            return 0;
        }
    }

    private static async Task WaitForTargetRowsAsync(long rows)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await TargetRowsAsync() < rows)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the target never reached {rows} rows");
            await Task.Delay(200);
        }
    }

    /// <summary>Rows on the target over the groups test's tables; 0 before they are created.</summary>
    private static async Task<long> GroupRowsAsync(int tables)
    {
        try
        {
            return Convert.ToInt64(await ServerPair.ScalarAsync(ServerPair.TargetConnectionString, "SELECT SUM(c) FROM (" +
                string.Join(" UNION ALL ", Enumerable.Range(1, tables).Select(i => $"SELECT COUNT(*) AS c FROM `{GroupsDb}`.t{i:D4}")) + ") AS counts"),
                CultureInfo.InvariantCulture);
        }
        catch (MySqlException ex) when (ex.ErrorCode is MySqlErrorCode.NoSuchTable or MySqlErrorCode.UnknownDatabase)
        {
            return 0;
        }
    }

    /// <summary>Every row of the groups test's tables, summed by an independent path (CRC32 of each row on the server).</summary>
    private static async Task<string> GroupChecksumAsync(string server, int tables) =>
        Convert.ToString(await ServerPair.ScalarAsync(server, "SELECT CONCAT(COUNT(*), ':', SUM(CRC32(CONCAT(n, ':', id, ':', v)))) FROM (" +
            string.Join(" UNION ALL ", Enumerable.Range(1, tables).Select(i => $"SELECT {i} AS n, id, v FROM `{GroupsDb}`.t{i:D4}")) + ") AS all_rows"),
            CultureInfo.InvariantCulture)!;

    private static async Task WaitForAsync(Func<Task<long>> read, long atLeast, TimeSpan timeout, Func<string> diagnostics)
    {
        var deadline = DateTime.UtcNow + timeout;
        long value;
        while ((value = await read()) < atLeast)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{value} rows, never {atLeast}; the CLI said: {diagnostics()[^Math.Min(2_000, diagnostics().Length)..]}");
            await Task.Delay(1_000);
        }
    }

    /// <summary>The value once it has not changed for <paramref name="quiet"/>.</summary>
    private static async Task<long> SettledAsync(Func<Task<long>> read, TimeSpan quiet, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var value = await read();
        var since = DateTime.UtcNow;
        while (DateTime.UtcNow - since < quiet)
        {
            Assert.True(DateTime.UtcNow < deadline, $"still changing after {timeout}");
            await Task.Delay(500);
            var now = await read();
            if (now != value)
            {
                (value, since) = (now, DateTime.UtcNow);
            }
        }

        return value;
    }

    [GeneratedRegex(@"Migration (migration-\d{8}-\d{6}-[0-9a-f]{6})\.")]
    private static partial Regex MigrationId();
}
