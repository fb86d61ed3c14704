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

    [GeneratedRegex(@"Migration (migration-\d{8}-\d{6}-[0-9a-f]{6})\.")]
    private static partial Regex MigrationId();
}
