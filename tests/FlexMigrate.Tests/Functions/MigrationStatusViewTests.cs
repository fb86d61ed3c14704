using System.Text.Json;
using FlexMigrate.Api;
using FlexMigrate.Orchestration.Contracts;
using FlexMigrate.Orchestration.Offline;
using FlexMigrate.Orchestration.Online;
using Microsoft.DurableTask.Converters;
using Microsoft.DurableTask.Client;

namespace FlexMigrate.Tests.Functions;

/// <summary>The status view both hosts return: mode, the lag history the loop carries, and the actions offered now.</summary>
public sealed class MigrationStatusViewTests
{
    private static readonly JsonDataConverter Converter = JsonDataConverter.Default;

    [Fact]
    public void A_replicating_online_migration_offers_cutover_the_controls_and_cancel_and_carries_its_lag_history()
    {
        var history = new List<LagSample> { new(new DateTime(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc), 2.5, 4096, 120), new(new DateTime(2026, 12, 1, 10, 0, 10, DateTimeKind.Utc), 0.4, 0, 80) };
        var meta = Meta(nameof(OnlineMigrationOrchestrator), OrchestrationRuntimeStatus.Running, Status(MigrationPhase.Replicating, caughtUp: true), Input(history));

        var view = MigrationStatusView.From(meta);

        Assert.Equal("online", view.Mode);
        Assert.Equal(history, view.LagHistory);
        Assert.Equal(["cutover", "pause", "parallelism", "max-rows-per-second", "cancel"], view.Actions.Select(a => a.Name));
        Assert.All(view.Actions.Where(a => a.Name is "pause" or "parallelism" or "max-rows-per-second"), a => Assert.Equal("migrations/m-1/control", a.Path));
        var parallelism = view.Actions.Single(a => a.Name == "parallelism");
        Assert.Equal(["action=set", "name=parallelism", "value=4"], parallelism.Fields.Select(f => $"{f.Name}={f.Default}"));
        Assert.Equal(["fixed", "fixed", "number"], parallelism.Fields.Select(f => f.Kind));
        var cutover = view.Actions[0];
        Assert.True(cutover.Enabled);
        Assert.Null(cutover.Reason);
        Assert.Equal("migrations/m-1/cutover", cutover.Path);
        Assert.Equal(["stopWrites", "timeoutSeconds"], cutover.Fields.Select(f => f.Name));
        Assert.Equal(["readOnly", "confirmed"], cutover.Fields[0].Choices!.Select(c => c.Value));
    }

    [Fact]
    public void During_a_cutover_no_action_can_be_pressed()
    {
        var meta = Meta(nameof(OnlineMigrationOrchestrator), OrchestrationRuntimeStatus.Running, Status(MigrationPhase.CuttingOver, caughtUp: true), Input([]));

        var view = MigrationStatusView.From(meta);

        Assert.All(view.Actions, a => Assert.False(a.Enabled));
        Assert.Equal("A cutover is running.", view.Actions[0].Reason);
        Assert.StartsWith("A cutover runs unthrottled", view.Actions.Single(a => a.Name == "pause").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Replicating_back_after_a_cutover_offers_rollback_and_finish_instead_of_cutover_and_neither_while_one_runs()
    {
        var back = Status(MigrationPhase.ReplicatingBack, caughtUp: true);
        var view = MigrationStatusView.From(Meta(nameof(OnlineMigrationOrchestrator), OrchestrationRuntimeStatus.Running,
            back with { Replication = back.Replication! with { Direction = ReplicationDirection.Reverse } }, Input([])));
        var rolling = MigrationStatusView.From(Meta(nameof(OnlineMigrationOrchestrator), OrchestrationRuntimeStatus.Running,
            back with { Phase = MigrationPhase.RollingBack, Replication = back.Replication! with { Direction = ReplicationDirection.Reverse } }, Input([])));

        Assert.Equal(["rollback", "finish", "pause", "parallelism", "max-rows-per-second", "cancel"], view.Actions.Select(a => a.Name));
        Assert.Equal(["migrations/m-1/rollback", "migrations/m-1/finish"], view.Actions.Take(2).Select(a => a.Path));
        Assert.All(view.Actions, a => Assert.True(a.Enabled, a.Name));
        Assert.Equal(["stopWrites", "timeoutSeconds"], view.Actions[0].Fields.Select(f => f.Name));
        Assert.Empty(view.Actions[1].Fields);
        Assert.All(rolling.Actions, a => Assert.False(a.Enabled, a.Name));
        Assert.Equal("A rollback is running.", rolling.Actions[0].Reason);
    }

    [Fact]
    public void An_online_migration_still_copying_offers_a_cutover_that_waits_for_the_copy()
    {
        var meta = Meta(nameof(OnlineMigrationOrchestrator), OrchestrationRuntimeStatus.Running, Status(MigrationPhase.CopyingData, caughtUp: null), Input(null));

        var view = MigrationStatusView.From(meta);

        Assert.Null(view.LagHistory);
        Assert.True(view.Actions[0].Enabled);
        Assert.StartsWith("Runs once the initial copy is done", view.Actions[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_offline_migration_offers_the_controls_and_cancel_and_a_finished_one_nothing()
    {
        var running = MigrationStatusView.From(Meta(nameof(MigrationOrchestrator), OrchestrationRuntimeStatus.Running, Status(MigrationPhase.CopyingData, null), null));
        var done = MigrationStatusView.From(Meta(nameof(MigrationOrchestrator), OrchestrationRuntimeStatus.Completed, Status(MigrationPhase.Completed, null), null));

        Assert.Equal("offline", running.Mode);
        Assert.Equal(["pause", "parallelism", "max-rows-per-second", "cancel"], running.Actions.Select(a => a.Name));
        Assert.Null(running.LagHistory);
        Assert.Empty(done.Actions);
    }

    [Fact]
    public void The_json_names_are_camel_case_with_enums_as_strings()
    {
        var view = MigrationStatusView.From(Meta(nameof(OnlineMigrationOrchestrator), OrchestrationRuntimeStatus.Running, Status(MigrationPhase.Replicating, true), Input([])));

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(view, ApiJson.Options));

        Assert.Equal("replicating", json.RootElement.GetProperty("progress").GetProperty("phase").GetString());
        Assert.Equal("cutover", json.RootElement.GetProperty("actions")[0].GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Array, json.RootElement.GetProperty("lagHistory").ValueKind);
    }

    private static OrchestrationMetadata Meta(string name, OrchestrationRuntimeStatus runtime, MigrationStatus status, OnlineMigrationInput? input) => new(name, "m-1")
    {
        RuntimeStatus = runtime,
        SerializedCustomStatus = Converter.Serialize(status),
        SerializedInput = input is null ? null : Converter.Serialize(input),
        DataConverter = Converter,
    };

    private static MigrationStatus Status(MigrationPhase phase, bool? caughtUp) =>
        new(phase, DateTime.UtcNow, 2, 2, 100, 100, 1000, 10, null, [], 0, [])
        {
            Replication = caughtUp is null ? null
                : new ReplicationStatus("b.000001:4", "b.000001:100", "b.000001:200", "b.000001:200", 0.4, 0, 80, 5, 5, caughtUp.Value, 3, 0, null, null, null),
        };

    private static OnlineMigrationInput Input(IReadOnlyList<LagSample>? history)
    {
        var request = new MigrationRequest("source", "target", ["shop"], [], [], new MigrationOptions());
        if (history is null)
        {
            return new OnlineMigrationInput(request);
        }

        var start = new ReplicationPosition("b.000001:4");
        var load = new MigrationReport(MigrationOutcome.Succeeded, DateTime.UtcNow, DateTime.UtcNow, 0, 0, 0, [], [], false, null, null);
        var state = new ReplicationState(start, start, start, "b.000001:4", false, true, new ReplicationTotals(), null, history, [], LoadSummary.Of(load, null), 1, 0, null, 0, null);
        return new OnlineMigrationInput(request, state);
    }
}
