using FlexMigrate.IntegrationTests.Infrastructure;
using FlexMigrate.Orchestration;
using FlexMigrate.Orchestration.Contracts;
using FlexMigrate.Orchestration.Online;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;

namespace FlexMigrate.IntegrationTests.Orchestration;

/// <summary>
/// The replication loop and the cutover on the real durable engine, with the online activities simulated
/// (<see cref="SimulatedReplication"/>): many ContinueAsNew generations, a cutover raised while a batch runs, a
/// cutover that cannot drain in time or cannot switch the target on going back to replicating and succeeding later.
/// </summary>
public sealed class OnlineLoopTests
{
    private static readonly MigrationRequest Request = InProcessMigration.Request(["fm_online_loop"],
        new MigrationOptions(Mode: MigrationMode.Online, Validate: false, ApplyBatchSeconds: 2, CutoverPollMilliseconds: 20));

    [Fact]
    public async Task Loop_survives_many_generations_keeps_its_checkpoint_and_cuts_over()
    {
        var sim = new SimulatedReplication { SourceEnd = 5_000, Step = 100, GrowthPerBatch = 20 };
        await using var host = await InProcessMigration.StartHostAsync(sim.Activities());
        var id = await StartAsync(host, start: 1000, catchUp: 2000);

        // 100 bytes per batch against 20 of growth: catches up after ~50 generations, then idles along.
        var caughtUp = await WaitForStatusAsync(host, id, s => s.Replication is { CaughtUp: true, Generation: >= 60 });
        Assert.Equal(MigrationPhase.Replicating, caughtUp.Phase);
        Assert.Equal(1, sim.Count("AddForeignKeysActivity"));
        Assert.Equal(2, sim.Count("AddUniqueIndexesActivity"));

        await host.Client.RaiseEventAsync(id, OnlineMigrationOrchestrator.CutoverEvent, new CutoverRequest(RequestedBy: "test"));
        var report = await CompletedReportAsync(host, id);

        var replication = report.Replication!;
        Assert.Equal(MigrationOutcome.Succeeded, report.Outcome);
        Assert.True(replication.Generations >= 60, $"generations {replication.Generations}");
        Assert.Equal(SimulatedReplication.At(sim.SourceEnd).Position, replication.FinalPosition);
        Assert.Equal(sim.Applied, sim.SourceEnd);
        // Each byte applied exactly once across all generations: 10 bytes per simulated row.
        Assert.Equal((long)(sim.SourceEnd - 1000) / 10, replication.Totals.RowsInserted);
        Assert.Equal("test", replication.RequestedBy);
        Assert.Equal(1, replication.CutoverAttempts);
        Assert.True(replication.LagHistory.Count <= ReplicationStateFolding.MaxLagSamples);
        Assert.Equal(
            ["StopSourceWritesActivity", "SwitchTargetOnActivity", "DropReplicationStateActivity"],
            sim.Calls.SkipWhile(c => c != "StopSourceWritesActivity").Where(c => c != "ApplyChangesActivity").ToList());
        // The downtime split per step, on the orchestration's clock: the steps add up to it.
        Assert.Equal(["stop writes", "drain", "switch on"], replication.Steps.Select(s => s.Step).ToList());
        // Each figure is rounded to the millisecond: their sum may differ from the downtime by a millisecond per step.
        Assert.InRange(Math.Abs(replication.DowntimeSeconds - replication.Steps.Sum(s => s.Seconds)), 0, 0.001 * replication.Steps.Count);
        Assert.Contains("0 triggers, 0 events", replication.Steps[^1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cutover_raised_while_a_batch_runs_is_not_lost()
    {
        var sim = new SimulatedReplication { SourceEnd = 3_000 };
        await using var host = await InProcessMigration.StartHostAsync(sim.Activities());
        var release = new TaskCompletionSource();
        sim.HoldBatch = release;
        var id = await StartAsync(host, start: 1000, catchUp: 2000);

        await sim.BatchStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await host.Client.RaiseEventAsync(id, OnlineMigrationOrchestrator.CutoverEvent, new CutoverRequest(StopWrites: StopWritesMode.Confirmed, RequestedBy: "during-batch"));
        await Task.Delay(300);
        release.SetResult();

        var report = await CompletedReportAsync(host, id);
        Assert.Equal("during-batch", report.Replication!.RequestedBy);
        Assert.Equal(StopWritesMode.Confirmed, report.Replication.StopWrites);
        Assert.False(report.Replication.SourceLeftReadOnly);
        Assert.Equal(1, report.Replication.CutoverAttempts);
    }

    [Fact]
    public async Task Writes_stop_only_once_replay_is_close_to_the_source_end_and_the_drain_ends_at_the_final_position()
    {
        // The cutover is asked for while a batch runs and 500,000 bytes more were written meanwhile (as after the
        // catch-up's keys, when the trigger's lag figure is seconds old); each batch applies 200,000 and the workload
        // adds 1,000 per batch. Writes must stop only after batches to the source's end left replay within 64 KiB.
        var sim = new SimulatedReplication { SourceEnd = 3_000 };
        await using var host = await InProcessMigration.StartHostAsync(sim.Activities());
        var replication = await CutOverBehindAsync(host, sim, backlog: 500_000, step: 200_000, growth: 1_000);
        // Held batch: 203,000 of 504,000 applied. Closing in: 403,000 of 505,000 (102,000 behind, more than 64 KiB),
        // then 505,000 of 506,000 (1,000 behind): two batches; writes stop at 506,000 and the drain applies the rest.
        Assert.Equal(2, sim.ToSourceEndBatches);
        Assert.Equal(SimulatedReplication.At(506_000).Position, replication.FinalPosition);
        Assert.Equal(506_000UL, sim.Applied);
        Assert.Equal(["stop writes", "drain", "switch on"], replication.Steps.Select(s => s.Step).ToList());
        Assert.Contains("before: 2 batches to the current position", replication.Steps[0].Detail, StringComparison.Ordinal);
        Assert.EndsWith(", 1000 bytes behind after the last", replication.Steps[0].Detail, StringComparison.Ordinal);
        Assert.Equal($"applied to {replication.FinalPosition}", replication.Steps[1].Detail);
        // Closing in ran before writes stopped, not inside the downtime.
        Assert.Equal(["ApplyChangesActivity", "ApplyChangesActivity", "StopSourceWritesActivity"],
            sim.Calls.TakeWhile(c => c != "StopSourceWritesActivity").TakeLast(2).Append("StopSourceWritesActivity").ToList());
    }

    [Fact]
    public async Task Closing_in_stops_when_a_batch_no_longer_halves_the_distance()
    {
        // Replay barely faster than the writes: 20,000 applied per batch against 15,000 written. Closing in gives up
        // after its second batch (995,000 -> 990,000 -> 985,000 behind) instead of holding the cutover back.
        var sim = new SimulatedReplication { SourceEnd = 3_000 };
        await using var host = await InProcessMigration.StartHostAsync(sim.Activities());
        var replication = await CutOverBehindAsync(host, sim, backlog: 1_000_000, step: 20_000, growth: 15_000);
        Assert.Equal(2, sim.ToSourceEndBatches);
        Assert.Contains("before: 2 batches to the current position", replication.Steps[0].Detail, StringComparison.Ordinal);
        Assert.EndsWith("985000 bytes behind after the last", replication.Steps[0].Detail, StringComparison.Ordinal);
        Assert.Equal(SimulatedReplication.At(sim.SourceEnd).Position, replication.FinalPosition);
        Assert.Equal(sim.SourceEnd, sim.Applied);
    }

    [Fact]
    public async Task Paused_replication_does_not_close_in_and_the_drain_applies_the_backlog()
    {
        // Closing in is replication: a pause holds it as it holds every batch (RollbackTests pauses reverse replication
        // to leave its drain a backlog); the drain, downtime, is never paused.
        var sim = new SimulatedReplication { SourceEnd = 3_000 };
        await using var host = await InProcessMigration.StartHostAsync(sim.Activities());
        var id = await StartAsync(host, start: 1000, catchUp: 2000);
        await WaitForStatusAsync(host, id, s => s.Replication is { CaughtUp: true });
        await host.Client.RaiseEventAsync(id, FlexMigrate.Orchestration.Control.ControlChanges.EventName, new ControlRequest("pause", RequestedBy: "test"));
        await WaitForStatusAsync(host, id, s => s.Throttle is { Paused: true });
        sim.Step = 200_000;
        sim.SourceEnd += 500_000;
        await host.Client.RaiseEventAsync(id, OnlineMigrationOrchestrator.CutoverEvent, new CutoverRequest(RequestedBy: "test"));
        var replication = (await CompletedReportAsync(host, id)).Replication!;
        Assert.Equal(0, sim.ToSourceEndBatches);
        Assert.EndsWith("before: none, replication is paused", replication.Steps[0].Detail, StringComparison.Ordinal);
        Assert.Equal(SimulatedReplication.At(sim.SourceEnd).Position, replication.FinalPosition);
        Assert.Equal(sim.SourceEnd, sim.Applied);
    }

    [Fact]
    public async Task A_new_generation_shows_its_status_while_its_first_batch_runs()
    {
        // ContinueAsNew starts the next generation without a custom status; the dashboard read a null status while
        // the first batch of a generation ran (seen as a null "progress" in DashboardBrowserTests under load).
        var sim = new SimulatedReplication { SourceEnd = 3_000 };
        await using var host = await InProcessMigration.StartHostAsync(sim.Activities());
        var release = new TaskCompletionSource();
        sim.HoldBatch = release;
        var id = await StartAsync(host, start: 1000, catchUp: 2000);

        await sim.BatchStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(500);
        var meta = await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        release.SetResult();

        Assert.NotNull(meta);
        Assert.NotNull(meta.SerializedCustomStatus);
        var status = meta.ReadCustomStatusAs<MigrationStatus>()!;
        Assert.Equal(MigrationPhase.CatchingUp, status.Phase);
        Assert.Equal(SimulatedReplication.At(1000).Position, status.Replication!.AppliedPosition);
        await host.Client.RaiseEventAsync(id, OnlineMigrationOrchestrator.CutoverEvent, new CutoverRequest(RequestedBy: "test"));
        Assert.Equal(MigrationOutcome.Succeeded, (await CompletedReportAsync(host, id)).Outcome);
    }

    [Fact]
    public async Task Cutover_that_cannot_switch_the_target_on_is_undone_and_a_retry_succeeds()
    {
        var sim = new SimulatedReplication { SourceEnd = 3_000 };
        sim.FailNext["SwitchTargetOnActivity"] = 1;
        await using var host = await InProcessMigration.StartHostAsync(sim.Activities());
        var id = await StartAsync(host, start: 1000, catchUp: 2000);

        await host.Client.RaiseEventAsync(id, OnlineMigrationOrchestrator.CutoverEvent, new CutoverRequest(RequestedBy: "first"));
        var back = await WaitForStatusAsync(host, id, s => s.Replication?.LastCutoverError is not null && s.Phase == MigrationPhase.Replicating);
        Assert.Contains("injected failure of SwitchTargetOnActivity", back.Replication!.LastCutoverError, StringComparison.Ordinal);
        Assert.Equal(1, sim.Count("UndoCutoverActivity"));
        Assert.Equal(1, sim.Count("ResumeSourceWritesActivity"));
        Assert.Equal(0, sim.Count("DropReplicationStateActivity"));

        sim.SourceEnd += 500;
        await host.Client.RaiseEventAsync(id, OnlineMigrationOrchestrator.CutoverEvent, new CutoverRequest(RequestedBy: "second"));
        var report = await CompletedReportAsync(host, id);
        Assert.Equal(2, report.Replication!.CutoverAttempts);
        Assert.Equal("second", report.Replication.RequestedBy);
        Assert.Equal(SimulatedReplication.At(3_500).Position, report.Replication.FinalPosition);
        Assert.Equal(2, sim.Count("SwitchTargetOnActivity"));
        Assert.Equal(1, sim.Count("ResumeSourceWritesActivity"));
    }

    [Fact]
    public async Task Cutover_that_cannot_drain_in_time_goes_back_to_replicating()
    {
        // The applier is stuck (nothing applies) while the source keeps writing.
        var sim = new SimulatedReplication { SourceEnd = 3_000, Step = 0, GrowthPerBatch = 60 };
        await using var host = await InProcessMigration.StartHostAsync(sim.Activities());
        var id = await StartAsync(host, start: 1000, catchUp: 1000);

        await host.Client.RaiseEventAsync(id, OnlineMigrationOrchestrator.CutoverEvent, new CutoverRequest(TimeoutSeconds: 1));
        var back = await WaitForStatusAsync(host, id, s => s.Replication?.LastCutoverError is not null);
        Assert.Contains("did not reach the source's final position", back.Replication!.LastCutoverError, StringComparison.Ordinal);
        Assert.Equal(1, sim.Count("ResumeSourceWritesActivity"));
        Assert.Equal(0, sim.Count("SwitchTargetOnActivity"));

        sim.Step = ulong.MaxValue;
        sim.GrowthPerBatch = 0;
        await host.Client.RaiseEventAsync(id, OnlineMigrationOrchestrator.CutoverEvent, new CutoverRequest());
        var report = await CompletedReportAsync(host, id);
        Assert.Equal(2, report.Replication!.CutoverAttempts);
        Assert.Equal(sim.SourceEnd, sim.Applied);
    }

    [Fact]
    public async Task Lost_connections_are_retried_with_the_error_in_the_status_and_user_errors_stop_replication()
    {
        var sim = new SimulatedReplication { SourceEnd = 3_000 };
        sim.FailNextTransient["ApplyChangesActivity"] = 1;
        await using var host = await InProcessMigration.StartHostAsync(sim.Activities());
        var id = await StartAsync(host, start: 1000, catchUp: 2000);

        var failing = await WaitForStatusAsync(host, id, s => s.Replication?.LastApplyError is not null);
        Assert.Contains("connection lost", failing.Replication!.LastApplyError, StringComparison.Ordinal);
        var recovered = await WaitForStatusAsync(host, id, s => s.Replication is { CaughtUp: true, LastApplyError: null });
        Assert.Equal(SimulatedReplication.At(3_000).Position, recovered.Replication!.AppliedPosition);

        sim.FailNext["ApplyChangesActivity"] = 1;
        sim.SourceEnd += 10;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var meta = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cts.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, meta.RuntimeStatus);
        Assert.Contains("injected failure of ApplyChangesActivity", meta.FailureDetails.Innermost()?.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_while_replicating_drops_the_checkpoint_and_completes_as_cancelled()
    {
        var sim = new SimulatedReplication { SourceEnd = 3_000 };
        await using var host = await InProcessMigration.StartHostAsync(sim.Activities());
        var id = await StartAsync(host, start: 1000, catchUp: 2000);
        await WaitForStatusAsync(host, id, s => s.Replication is { CaughtUp: true });

        await host.Client.RaiseEventAsync(id, FlexMigrate.Orchestration.Cancellation.CancelSignal.EventName, "test cancel");
        var report = await CompletedReportAsync(host, id);

        Assert.Equal(MigrationOutcome.Cancelled, report.Outcome);
        Assert.Equal(SimulatedReplication.At(3_000).Position, report.Replication!.FinalPosition);
        Assert.Equal(1, sim.Count("DropReplicationStateActivity"));
        Assert.Equal(0, sim.Count("StopSourceWritesActivity"));
        Assert.Contains(report.Notes, n => n.Message.Contains("test cancel", StringComparison.Ordinal));
    }

    /// <summary>
    /// Replicates until caught up, then, while a batch runs, puts <paramref name="backlog"/> bytes of writes on the
    /// source, makes each batch apply <paramref name="step"/> bytes while <paramref name="growth"/> more are written, asks
    /// for the cutover and returns the completed migration's replication report.
    /// </summary>
    private static async Task<ReplicationReport> CutOverBehindAsync(DurableTaskTestHost host, SimulatedReplication sim, ulong backlog, ulong step, ulong growth)
    {
        var id = await StartAsync(host, start: 1000, catchUp: 2000);
        await WaitForStatusAsync(host, id, s => s.Replication is { CaughtUp: true });
        var release = new TaskCompletionSource();
        sim.HoldBatch = release;
        await sim.BatchStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        sim.SourceEnd += backlog;
        sim.Step = step;
        sim.GrowthPerBatch = growth;
        await host.Client.RaiseEventAsync(id, OnlineMigrationOrchestrator.CutoverEvent, new CutoverRequest(RequestedBy: "test"));
        release.SetResult();
        return (await CompletedReportAsync(host, id)).Replication!;
    }

    private static Task<string> StartAsync(DurableTaskTestHost host, ulong start, ulong catchUp) =>
        host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(OnlineMigrationOrchestrator),
            new OnlineMigrationInput(Request, SimulatedReplication.InitialState(start, catchUp)));

    private static Task<MigrationStatus> WaitForStatusAsync(DurableTaskTestHost host, string id, Func<MigrationStatus, bool> condition) =>
        MigrationStatusWaiter.WaitAsync(host.Client, id, condition, TimeSpan.FromSeconds(90), TimeSpan.FromMilliseconds(50));

    private static async Task<MigrationReport> CompletedReportAsync(DurableTaskTestHost host, string id)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var meta = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cts.Token);
        return InProcessMigration.ReportOf(meta);
    }
}
