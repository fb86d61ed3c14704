namespace FlexMigrate.IntegrationTests.Crash;

/// <summary>
/// A server crashes (SIGKILL) and restarts under a running migration: the activities that lost their connection
/// fail, are retried by their declared policy, and the migration completes in the same process without a resume.
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
}
