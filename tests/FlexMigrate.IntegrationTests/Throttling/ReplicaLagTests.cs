using System.Globalization;
using FlexMigrate.Core.Throttling;
using FlexMigrate.IntegrationTests.Infrastructure;
using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using FlexMigrate.Orchestration.Offline;
using MySqlConnector;

namespace FlexMigrate.IntegrationTests.Throttling;

/// <summary>
/// --max-replica-lag with --throttle-replicas on a real MariaDB replica of the source (the third server of
/// scripts/servers.sh, FLEXMIGRATE_REPLICA): while its replication is not running (Seconds_Behind_Master NULL) the copy
/// does not start a chunk and the status says the replica cannot be measured; once it replicates the copy runs and the
/// target equals the source. The replica applies only a database no test uses, so other tests' statements cannot stop it.
/// </summary>
[Collection(ThrottleCollection.Name)]
public sealed class ReplicaLagTests
{
    private const string Db = "fm_throttle_replica";

    private static string ReplicaConnectionString => ServerPair.ReplicaConnectionString;

    [Fact]
    public async Task A_replica_that_does_not_replicate_holds_the_copy_until_it_does()
    {
        await CreateTableAsync();
        await AttachReplicaAsync();
        try
        {
            var catalog = new DictionaryConnectionCatalog(new Dictionary<string, string>
            {
                [InProcessMigration.Source] = ServerPair.SourceConnectionString,
                [InProcessMigration.Target] = ServerPair.TargetConnectionString,
                ["replica"] = ReplicaConnectionString,
            });
            await using var host = await InProcessMigration.StartHostAsync(catalog: catalog);
            var throttle = new ThrottleSettings(MaxReplicaLagSeconds: 5, ThrottleReplicas: ["replica"]);
            var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(MigrationOrchestrator),
                InProcessMigration.Request([Db], new MigrationOptions(Parallelism: 2, ChunkRows: 1000, Validate: false, Throttle: throttle)));

            var held = await MigrationStatusWaiter.WaitAsync(host.Client, id, s => s.Throttle is { Throttled: true }, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(200));
            Assert.Equal(new ThrottleReason(ThrottleConditions.MaxReplicaLag, "replica", -1, 5), held.Throttle!.Reason);
            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.Equal(0, (await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true))!.ReadCustomStatusAs<MigrationStatus>()!.RowsCopied);

            await ExecReplicaAsync("START SLAVE");
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            var report = InProcessMigration.ReportOf(await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token));
            Assert.Equal(20_000, report.RowsCopied);
            Assert.True(report.Throttle!.SecondsByCondition[ThrottleConditions.MaxReplicaLag] >= 3);
            Assert.Equal(await TableFingerprint.OfAsync(ServerPair.SourceConnectionString, Db, "t"), await TableFingerprint.OfAsync(ServerPair.TargetConnectionString, Db, "t"));
        }
        finally
        {
            await ExecReplicaAsync("STOP SLAVE; RESET SLAVE ALL");
        }
    }

    [Fact]
    public async Task A_server_that_is_not_a_replica_is_refused_with_what_to_do()
    {
        var error = await Assert.ThrowsAsync<FlexMigrate.Core.UserActionRequiredException>(() =>
            ServerLoadSampler.ReadReplicaLagAsync(ServerPair.TargetConnectionString, CancellationToken.None));
        Assert.Contains("is not a replica (SHOW SLAVE STATUS is empty): name the source's read replicas only", error.Message, StringComparison.Ordinal);
    }

    private static async Task CreateTableAsync()
    {
        await ServerPair.ResetDatabasesAsync(Db);
        await ServerPair.ExecSourceAsync($"""
            CREATE DATABASE `{Db}`; USE `{Db}`;
            CREATE TABLE t (id INT NOT NULL PRIMARY KEY, v VARCHAR(40) NOT NULL);
            INSERT INTO t SELECT seq, MD5(seq) FROM seq_1_to_20000;
            ANALYZE TABLE t;
            """);
    }

    /// <summary>Points the replica at the source's current binlog end, filtered to a database nobody writes, not started.</summary>
    private static async Task AttachReplicaAsync()
    {
        await using var source = await ServerPair.OpenSourceAsync();
        await using var command = new MySqlCommand("SHOW MASTER STATUS", source);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "the source has no binlog");
        var (file, position) = (reader.GetString(0), reader.GetInt64(1));
        var csb = new MySqlConnectionStringBuilder(ServerPair.SourceConnectionString);
        await ExecReplicaAsync("STOP SLAVE; RESET SLAVE ALL; SET GLOBAL replicate_do_db = 'fm_throttle_replica_nothing'; " + string.Create(CultureInfo.InvariantCulture,
            $"CHANGE MASTER TO MASTER_HOST = '{csb.Server}', MASTER_PORT = {csb.Port}, MASTER_USER = '{csb.UserID}', MASTER_LOG_FILE = '{file}', MASTER_LOG_POS = {position}"));
    }

    private static Task ExecReplicaAsync(string sql) => ServerPair.ExecAsync(ReplicaConnectionString, sql);
}
