using FlexMigrate.Core.Throttling;
using FlexMigrate.IntegrationTests.Infrastructure;
using FlexMigrate.Orchestration.Contracts;
using FlexMigrate.Orchestration.Control;
using FlexMigrate.Orchestration.Online;
using Microsoft.DurableTask.Client;
using Xunit.Abstractions;

namespace FlexMigrate.IntegrationTests.Throttling;

/// <summary>
/// Replay under throttling and live control (issue 17): while the source's Threads_running is above the limit no
/// replication batch applies anything and the status names the reason; pause holds replay, unpause resumes it; the
/// control commands survive the replication loop's ContinueAsNew generations; the cutover's drain runs unthrottled and
/// the target equals the source.
/// </summary>
[Collection(ThrottleCollection.Name)]
public sealed class OnlineThrottleTests(ITestOutputHelper output)
{
    private const string Db = "fm_throttle_online";
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    [Fact]
    public async Task Replay_holds_while_the_source_is_loaded_or_paused_and_the_cutover_then_equals_the_source()
    {
        await ServerPair.ResetDatabasesAsync(Db);
        await ServerPair.ExecSourceAsync($"""
            CREATE DATABASE `{Db}`; USE `{Db}`;
            CREATE TABLE t (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, v VARCHAR(40) NOT NULL);
            INSERT INTO t (v) SELECT MD5(seq) FROM seq_1_to_5000;
            """);
        using var stop = new CancellationTokenSource();
        var writes = Task.Run(() => WriteAsync(stop.Token));
        await using var host = await InProcessMigration.StartHostAsync();
        var request = InProcessMigration.Request([Db], new MigrationOptions(Mode: MigrationMode.Online, ChunkRows: 1000, ApplyBatchSeconds: 2,
            CutoverPollMilliseconds: 200, Throttle: new ThrottleSettings(MaxSourceLoad: [new LoadLimit("Threads_running", 10)])));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(OnlineMigrationOrchestrator), new OnlineMigrationInput(request));
        await WaitAsync(host.Client, id, writes, s => s.Replication is { CaughtUp: true, TransactionsApplied: > 0 });

        var load = await SourceLoad.StartAsync(sessions: 14, seconds: 8);
        var throttled = await WaitAsync(host.Client, id, writes, s => s.Throttle is { Throttled: true });
        Assert.Equal(ThrottleConditions.MaxSourceLoad, throttled.Throttle!.Reason!.Condition);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var held = await AppliedAsync(host.Client, id);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(held, await AppliedAsync(host.Client, id));
        await load;
        await WaitAsync(host.Client, id, writes, s => s.Replication!.TransactionsApplied > held + 10);

        await host.Client.RaiseEventAsync(id, ControlChanges.EventName, new ControlRequest("pause", RequestedBy: "test"));
        await WaitAsync(host.Client, id, writes, s => s.Throttle is { Paused: true });
        await Task.Delay(TimeSpan.FromSeconds(3));
        var paused = await AppliedAsync(host.Client, id);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(paused, await AppliedAsync(host.Client, id));
        await host.Client.RaiseEventAsync(id, ControlChanges.EventName, new ControlRequest("unpause", RequestedBy: "test"));
        await WaitAsync(host.Client, id, writes, s => s.Replication!.TransactionsApplied > paused + 10);

        await stop.CancelAsync();
        await writes;
        await host.Client.RaiseEventAsync(id, OnlineMigrationOrchestrator.CutoverEvent, new CutoverRequest(StopWritesMode.Confirmed, 120, "test"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var report = InProcessMigration.ReportOf(await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token));
        output.WriteLine(string.Join(", ", report.Throttle!.SecondsByCondition.Select(p => $"{p.Key} {p.Value} s")));
        Assert.Equal(MigrationOutcome.Succeeded, report.Outcome);
        Assert.Equal(["pause", "unpause"], report.Throttle.Changes.Select(c => c.Change));
        Assert.True(report.Throttle.SecondsByCondition[ThrottleConditions.MaxSourceLoad] >= 3);
        Assert.True(report.Throttle.SecondsByCondition["paused"] >= 5);
        Assert.Equal(await TableFingerprint.OfAsync(ServerPair.SourceConnectionString, Db, "t"), await TableFingerprint.OfAsync(ServerPair.TargetConnectionString, Db, "t"));
    }

    private static async Task WriteAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            await ServerPair.ExecSourceAsync($"INSERT INTO `{Db}`.t (v) VALUES (UUID()); UPDATE `{Db}`.t SET v = UUID() WHERE id = 1 + FLOOR(RAND() * 5000)");
            await Task.Delay(20, CancellationToken.None);
        }
    }

    private static async Task<long> AppliedAsync(DurableTaskClient client, string id)
    {
        var meta = (await client.GetInstanceAsync(id, getInputsAndOutputs: true))!;
        return meta.ReadCustomStatusAs<MigrationStatus>()?.Replication?.TransactionsApplied
            ?? throw new InvalidOperationException($"{meta.RuntimeStatus}: {meta.SerializedCustomStatus} {meta.FailureDetails?.ErrorMessage}");
    }

    private static Task<MigrationStatus> WaitAsync(DurableTaskClient client, string id, Task writes, Func<MigrationStatus, bool> condition) =>
        MigrationStatusWaiter.WaitAsync(client, id, condition, TimeSpan.FromSeconds(90), Poll, writes);
}
