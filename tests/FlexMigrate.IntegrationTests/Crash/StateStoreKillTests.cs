using Azure.Data.Tables;
using FlexMigrate.Cli.Hosting;

namespace FlexMigrate.IntegrationTests.Crash;

/// <summary>
/// SIGKILL of a real `flexmigrate migrate --state-store` (history in Azurite), then `flexmigrate resume &lt;id&gt;
/// --state-store`: the same durable instance continues from its history and the target ends equal to the source.
/// </summary>
[Collection(CrashCollection.Name)]
public sealed class StateStoreKillTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Killed_mid_copy_with_chunks_in_flight_the_same_instance_resumes_and_the_target_equals_the_source()
    {
        const string db = "crash_store_copy";
        await CrashDataset.CreateAsync(db);
        string id;
        await using (var first = CliProcess.Start(
            ["migrate", "--databases", db, "--chunk-rows", "2000", "--parallelism", "4", "--state-store", StateStoreAccount.ConnectionString],
            pauseAt: "chunk-commit#3"))
        {
            id = await first.MigrationIdAsync(Step);
            // Two chunks committed, then every chunk stops before its commit: wait for four in flight, then kill.
            await first.WaitForPauseAsync(Step, count: 4);
            await first.KillAsync();
        }

        await using var resumed = CliProcess.Start(["resume", id, "--state-store", StateStoreAccount.ConnectionString]);
        var exit = await resumed.ExitCodeAsync(Step);

        Assert.True(exit == 0, $"resume exited {exit}\nstderr:\n{resumed.Stderr}\nstdout:\n{resumed.Stdout}");
        Assert.Contains($"Migration {id}: Succeeded", resumed.Stdout, StringComparison.Ordinal);
        await DatabaseComparison.AssertEqualAsync(db);

        // Ended with its report: the migration's task hub is gone from the account.
        var hub = StateStore.TaskHubFor(id);
        var left = new List<string>();
        await foreach (var table in new TableServiceClient(StateStoreAccount.ConnectionString).QueryAsync(t => t.Name == hub + "Instances"))
        {
            left.Add(table.Name);
        }

        Assert.Empty(left);
    }
}
