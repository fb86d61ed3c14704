using Azure.Data.Tables;
using FlexMigrate.Cli.Hosting;
using FlexMigrate.Core.Ledger;
using FlexMigrate.IntegrationTests.Infrastructure;

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

    /// <summary>
    /// The state store itself restarts (Azurite stopped and started on its data) while four chunks are in flight: the
    /// engine rides out the outage and the same process completes the migration; work whose lease lapsed meanwhile is
    /// delivered again and the ledger keeps it from being copied twice.
    /// </summary>
    [Fact]
    public async Task The_state_store_restarted_mid_copy_the_migration_completes_without_a_resume()
    {
        const string db = "crash_store_restart";
        await CrashDataset.CreateAsync(db);
        await using var azurite = await PersistentAzurite.StartAsync();
        await using var cli = CliProcess.Start(
            ["migrate", "--databases", db, "--chunk-rows", "2000", "--parallelism", "4", "--state-store", azurite.ConnectionString],
            pauseAt: "chunk-commit#3");
        var id = await cli.MigrationIdAsync(Step);
        await cli.WaitForPauseAsync(Step, count: 4);

        await azurite.RestartAsync();
        cli.Release();
        var exit = await cli.ExitCodeAsync(Step);

        Assert.True(exit == 0, $"migrate exited {exit}\nstderr:\n{cli.Stderr}\nstdout:\n{cli.Stdout}");
        await DatabaseComparison.AssertEqualAsync(db);
        await using var ledger = await TargetLedger.OpenAsync(ServerPair.TargetConnectionString, id);
        var chunks = await ledger.CountChunksAsync();
        Assert.Equal(chunks.Planned, chunks.Copied);
        Assert.True(chunks.Repeated <= 4, $"{chunks.Repeated} chunks copied again, 4 were in flight");
    }
}
