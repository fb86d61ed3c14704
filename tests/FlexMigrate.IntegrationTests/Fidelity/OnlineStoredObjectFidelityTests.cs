using System.Globalization;
using FlexMigrate.IntegrationTests.Infrastructure;
using FlexMigrate.Orchestration.Contracts;
using FlexMigrate.Orchestration.Online;
using Microsoft.DurableTask.Client;

namespace FlexMigrate.IntegrationTests.Fidelity;

/// <summary>
/// The <see cref="StoredObjectMatrix"/> created and then altered by its legacy clients on the source while an online
/// migration replicates: views and routines reach the target by replaying the binlog's DDL under each QUERY event's
/// session (sql_mode, client character set, collations), triggers and events are created at cutover from the source's
/// definitions. The cutover is "confirmed" (writes stopped by the test), leaving read_only to the tests that check it.
/// After cutover every object's stored bytes, session and behaviour equal the source's, and the
/// migration's validation agrees.
/// </summary>
public sealed class OnlineStoredObjectFidelityTests
{
    private const string Db = "fm_fidelity_online";

    [Fact]
    public async Task Objects_made_and_altered_while_replicating_keep_their_bytes_session_and_behaviour()
    {
        await ServerPair.ResetDatabasesAsync(Db);
        await ServerPair.ExecSourceAsync(StoredObjectMatrix.Tables(Db)
            + $"USE {Db}; CREATE TABLE {Db}.rows_t (id INT NOT NULL PRIMARY KEY, v VARCHAR(20)); INSERT INTO {Db}.rows_t SELECT seq, CONCAT('r', seq) FROM seq_1_to_300;");
        await using var host = await InProcessMigration.StartHostAsync();
        var request = InProcessMigration.Request([Db], new MigrationOptions(
            Mode: MigrationMode.Online, Parallelism: 2, ChunkRows: 100, ApplyBatchSeconds: 2, CutoverPollMilliseconds: 200));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(OnlineMigrationOrchestrator), new OnlineMigrationInput(request));
        await MigrationStatusWaiter.WaitAsync(host.Client, id, s => s.Replication is { CaughtUp: true }, TimeSpan.FromMinutes(3), TimeSpan.FromMilliseconds(100));

        // The events are enabled and due every second: from their creation until the validation has compared out_t,
        // neither server's scheduler may run them (other tests switch it on to run theirs).
        var report = await StoredObjectMatrix.WithSchedulerOffAsync(async () =>
        {
            foreach (var charset in StoredObjectMatrix.Charsets)
            {
                await MariaDbClient.RunAsync(ServerPair.SourceConnectionString, charset.Name, StoredObjectMatrix.Script(Db, charset));
                await MariaDbClient.RunAsync(ServerPair.SourceConnectionString, charset.Name, StoredObjectMatrix.AlterScript(Db, charset));
            }

            await ServerPair.ExecSourceAsync($"ALTER DATABASE {Db} CHARACTER SET latin1 COLLATE latin1_swedish_ci");
            await WaitForReplayAsync(host.Client, id);
            await host.Client.RaiseEventAsync(id, OnlineMigrationOrchestrator.CutoverEvent, new CutoverRequest(StopWritesMode.Confirmed, 120, "test"));
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            return InProcessMigration.ReportOf(await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token));
        });

        Assert.True(report.Validation!.Schema.IsEqual, string.Join("\n", report.Validation.Schema.Differences.Select(d => $"{d.ObjectType} {d.Name} {d.Attribute}: {d.Source} / {d.Target}")));
        Assert.Equal(MigrationOutcome.Succeeded, report.Outcome);
        // Every CREATE/ALTER VIEW, PROCEDURE and FUNCTION above (and the ALTER DATABASE) was replayed from the binlog.
        Assert.True(report.Replication!.Totals.DdlApplied >= 5 * 4 * 4 + 1, $"{report.Replication.Totals.DdlApplied} statements replayed");
        await FidelityAssert.StoredObjectsEqualAsync(Db);
        await FidelityAssert.BehaviourEqualAsync(Db);
    }

    /// <summary>Until the target has every view and routine and the database's new collation (replay is asynchronous).</summary>
    private static async Task WaitForReplayAsync(DurableTaskClient client, string id)
    {
        var sql = $"SELECT CONCAT((SELECT COUNT(*) FROM information_schema.VIEWS WHERE TABLE_SCHEMA = '{Db}'), '/', "
            + $"(SELECT COUNT(*) FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = '{Db}' AND ROUTINE_COMMENT LIKE '%altered'), '/', "
            + $"(SELECT DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '{Db}'))";
        var deadline = DateTime.UtcNow.AddMinutes(4);
        const string expected = "20/20/latin1_swedish_ci";
        string? seen;
        while ((seen = Convert.ToString(await ServerPair.ScalarAsync(ServerPair.TargetConnectionString, sql), CultureInfo.InvariantCulture)) != expected)
        {
            var instance = await client.GetInstanceAsync(id);
            Assert.True(instance?.RuntimeStatus is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending,
                $"the migration stopped ({instance?.RuntimeStatus}) before replay reached the target: {instance?.FailureDetails?.ErrorMessage}");
            Assert.True(DateTime.UtcNow < deadline, $"replay did not reach the target in 4 minutes: {seen}");
            await Task.Delay(250);
        }
    }
}
