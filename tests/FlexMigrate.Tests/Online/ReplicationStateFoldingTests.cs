using FlexMigrate.Orchestration.Contracts;
using FlexMigrate.Orchestration.Online;

namespace FlexMigrate.Tests.Online;

public class ReplicationStateFoldingTests
{
    private static readonly ReplicationState Initial = new(
        new ReplicationPosition("bin.000001:100"), new ReplicationPosition("bin.000002:50"), new ReplicationPosition("bin.000001:100"),
        "bin.000002:50", false, false, new ReplicationTotals(), null, [], [],
        LoadSummary.Of(new MigrationReport(MigrationOutcome.Succeeded, DateTime.UnixEpoch, DateTime.UnixEpoch, 0, 0, 0, [], [], false, null, null), null),
        0, 0, null, 2, "earlier failure");

    private static ChangesApplied Batch(string checkpoint, long inserted = 10, params string[] notes) =>
        new(new ReplicationPosition(checkpoint, "0-1-7"), "bin.000003:10", 3, inserted, 2, 1, 4, 1, 0.5, 123, false, 2.0, notes);

    [Fact]
    public void A_batch_adds_totals_moves_the_checkpoint_and_clears_the_failure()
    {
        var next = Initial.WithBatch(Batch("bin.000002:4000", 10, "a", "b"), DateTime.UnixEpoch.AddSeconds(5));

        Assert.Equal(new ReplicationPosition("bin.000002:4000", "0-1-7"), next.Applied);
        Assert.Equal("bin.000003:10", next.SourcePosition);
        Assert.Equal(new ReplicationTotals(3, 10, 2, 1, 4, 1), next.Totals);
        Assert.Equal(17, next.Totals.Rows);
        Assert.Equal(["a", "b"], next.Notes);
        Assert.Equal(0, next.ConsecutiveApplyFailures);
        Assert.Null(next.LastApplyError);
        Assert.Equal(new LagSample(DateTime.UnixEpoch.AddSeconds(5), 0.5, 123, 8.5), Assert.Single(next.LagHistory));
        Assert.True(ReplicationStateFolding.Reached(next.Applied, next.CatchUpPosition));
        Assert.False(ReplicationStateFolding.Reached(Initial.Applied, Initial.CatchUpPosition));
    }

    [Fact]
    public void The_checkpoint_never_moves_backwards()
    {
        var ahead = Initial.WithBatch(Batch("bin.000002:4000"), DateTime.UnixEpoch);

        // A batch reporting an older checkpoint (the orchestrator's copy lagged the target's) keeps the later one.
        Assert.Equal("bin.000002:4000", ahead.WithBatch(Batch("bin.000001:900"), DateTime.UnixEpoch).Applied.Position);
    }

    [Fact]
    public void Lag_history_and_notes_stay_bounded_and_notes_are_not_repeated()
    {
        var state = Initial;
        for (var i = 0; i < 1000; i++)
        {
            state = state.WithBatch(Batch($"bin.000002:{5000 + i}", 1, $"note {i % 150}", "same"), DateTime.UnixEpoch.AddSeconds(i));
        }

        Assert.InRange(state.LagHistory.Count, ReplicationStateFolding.MaxLagSamples / 2, ReplicationStateFolding.MaxLagSamples);
        Assert.Equal(DateTime.UnixEpoch.AddSeconds(999), state.LagHistory[^1].Utc);
        Assert.True(state.LagHistory.Zip(state.LagHistory.Skip(1)).All(p => p.First.Utc < p.Second.Utc));
        Assert.Equal(ReplicationStateFolding.MaxNotes, state.Notes.Count);
        Assert.Equal(state.Notes.Distinct().Count(), state.Notes.Count);
        Assert.Equal(1000, state.Totals.RowsInserted);
    }

    [Fact]
    public void Status_shows_positions_lag_and_the_cutover_step()
    {
        var state = Initial.WithBatch(Batch("bin.000002:4000"), DateTime.UnixEpoch) with { CaughtUp = true, Generation = 7, LastCutoverError = "x" };

        var status = state.MigrationStatus(MigrationPhase.CuttingOver, "draining");

        Assert.Equal(MigrationPhase.CuttingOver, status.Phase);
        Assert.Equal(new ReplicationStatus("bin.000001:100", "bin.000002:50", "bin.000002:4000", "bin.000003:10", 0.5, 123, 8.5, 3, 17, true, 7, 0, "x", null, "draining")
            {
                LagMeasuredUtc = DateTime.UnixEpoch,
            },
            status.Replication);
    }

    [Fact]
    public void A_ten_thousand_table_load_is_carried_and_published_in_a_size_independent_of_its_tables()
    {
        // Issue 20: the loop carried the load's report (a line per table) in every generation's input and status.
        var tables = Enumerable.Range(1, 10_000).Select(i => new TableReport($"fm_db.t{i:D5}", 5, 80, 1, 0.01, 500)).ToList();
        var report = new MigrationReport(MigrationOutcome.Succeeded, DateTime.UnixEpoch, DateTime.UnixEpoch, 50_000, 800_000, 1000, tables,
            [new FlexMigrate.Core.Schema.MigrationNote(FlexMigrate.Core.Schema.NoteSeverity.Info, "copy", "note")], false, null, null);
        var stored = new FlexMigrate.Azure.Storage.PayloadReference("m", "load-report", "m/load-report.json", 1_500_000, new string('0', 64));
        var state = Initial with { InitialLoad = LoadSummary.Of(report, stored) };

        var status = state.MigrationStatus(MigrationPhase.CatchingUp, null);

        Assert.Equal(10_000, status.TablesTotal);
        Assert.Equal(50_000, status.RowsCopied);
        Assert.Equal(1, status.Notes);
        Assert.Null(state.InitialLoad.Inline);
        Assert.InRange(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(state).Length, 1, 2_000);
        Assert.InRange(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(status).Length, 1, 2_000);
    }
}
