using System.Globalization;
using FlexMigrate.IntegrationTests.Infrastructure;
using FlexMigrate.IntegrationTests.Online;

namespace FlexMigrate.IntegrationTests.Crash;

/// <summary>
/// A server crashes (SIGKILL) and restarts under a running migration, mid-copy or mid-replication: the activities that
/// lost their connection fail, are retried by their declared policy (the replication loop by its backoff), and the
/// migration completes in the same process without a resume.
/// </summary>
[Collection(CrashCollection.Name)]
public sealed class ServerRestartTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(3);

    [Theory]
    [InlineData("target")]
    [InlineData("source")]
    public async Task A_server_killed_and_restarted_mid_copy_the_migration_retries_and_completes(string role)
    {
        var db = $"crash_restart_{role}";
        await CrashDataset.CreateAsync(db);
        await using var cli = CliProcess.Start(["migrate", "--databases", db, "--chunk-rows", "2000", "--parallelism", "4"], pauseAt: "chunk-commit#3");

        // Four chunks loaded and not committed, the target holding their transactions: crash the server under them.
        await cli.WaitForPauseAsync(Step, count: 4);
        await ServerControl.KillAndRestartAsync(role);
        cli.Release();
        var exit = await cli.ExitCodeAsync(Step);

        Assert.True(exit == 0, $"migrate exited {exit}\nstderr:\n{cli.Stderr}\nstdout:\n{cli.Stdout}");
        await DatabaseComparison.AssertEqualAsync(db);
    }

    /// <summary>
    /// Online, a server crashes under replication: the binlog stream (source) or the applier's session (target) is
    /// lost mid-group, the replication loop retries with backoff from the checkpoint, and the migration catches up and
    /// cuts over by itself in the same process.
    /// </summary>
    [Theory]
    [InlineData("target")]
    [InlineData("source")]
    public async Task A_server_killed_and_restarted_mid_replication_the_migration_retries_and_cuts_over(string role)
    {
        var db = $"crash_restart_online_{role}";
        await ServerPair.ResetDatabasesAsync(db);
        await ServerPair.ExecSourceAsync(OnlineWorkload.Schema(db));
        await AppWorkload.GrantAsync(db);
        using var stop = new CancellationTokenSource();
        var writes = Task.Run(() => new AppWorkload(db, seed: 17).RunAsync(stop.Token));
        try
        {
            await using var cli = CliProcess.Start(
                ["migrate", "--mode", "online", "--databases", db, "--chunk-rows", "500", "--cutover-when-lag-below", "5"],
                pauseAt: "apply-commit#3");

            // A replayed group applied and not committed: the applications stop, then the server crashes under it.
            await cli.WaitForPauseAsync(Step);
            await stop.CancelAsync();
            await writes;
            await ServerControl.KillAndRestartAsync(role);
            cli.Release();
            var exit = await cli.ExitCodeAsync(Step);

            Assert.True(exit == 0, $"migrate exited {exit}\nstderr:\n{cli.Stderr}\nstdout:\n{cli.Stdout}");
            Assert.Contains(": Succeeded", cli.Stdout, StringComparison.Ordinal);
            await DatabaseComparison.AssertEqualAsync(db);
            Assert.Equal(1L, Convert.ToInt64(await ServerPair.ScalarAsync(ServerPair.SourceConnectionString, "SELECT @@GLOBAL.read_only"), CultureInfo.InvariantCulture));
        }
        finally
        {
            await stop.CancelAsync();
            await ServerPair.ExecSourceAsync("SET GLOBAL read_only = OFF");
        }
    }
}
