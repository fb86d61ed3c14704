using FlexMigrate.Cli.Migration;
using FlexMigrate.Orchestration.Contracts;

namespace FlexMigrate.Tests.Cli;

public sealed class CutoverSignalsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fm-cutover-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static MigrationStatus Status(bool caughtUp, double lag, MigrationPhase phase = MigrationPhase.Replicating) =>
        new(phase, DateTime.UnixEpoch, 1, 1, 1, 1, 1, 1, null, [], 0, [])
        {
            Replication = new ReplicationStatus("a:1", "a:2", "a:3", "a:4", lag, 0, 0, 0, 0, caughtUp, 1, 0, null, null, null),
        };

    [Fact]
    public void The_flag_file_is_taken_once_with_its_options()
    {
        var path = Path.Combine(_dir, "m.cutover");
        var signals = new CutoverSignals(path, new CutoverRequest(), lagBelowSeconds: null, keyboard: false, TextWriter.Null);
        Assert.Null(signals.Poll(Status(true, 0))?.Request);

        CutoverFlagFile.Write(path, new CutoverRequest(StopWritesMode.Confirmed, 42, "flexmigrate cutover"));
        Assert.Equal(new CutoverRequest(StopWritesMode.Confirmed, 42, "flexmigrate cutover"), signals.Poll(Status(true, 0))?.Request);
        Assert.False(File.Exists(path));
        Assert.Null(signals.Poll(Status(true, 0))?.Request);

        File.WriteAllText(path, "");
        Assert.Equal(new CutoverRequest(RequestedBy: "flag-file"), signals.Poll(Status(false, 9))?.Request);
    }

    [Fact]
    public void Rollback_and_finish_flag_files_are_taken_only_while_replicating_back()
    {
        var cutover = Path.Combine(_dir, "m.cutover");
        var rollback = CutoverFlagFile.Sibling(cutover, "rollback");
        var finish = CutoverFlagFile.Sibling(cutover, "finish");
        Assert.Equal((Path.Combine(_dir, "m.rollback"), Path.Combine(_dir, "m.finish")), (rollback, finish));
        var signals = new CutoverSignals(cutover, new CutoverRequest(), lagBelowSeconds: 0.5, keyboard: false, TextWriter.Null);
        var reverse = Status(true, 0, MigrationPhase.ReplicatingBack);
        reverse = reverse with { Replication = reverse.Replication! with { Direction = ReplicationDirection.Reverse } };

        CutoverFlagFile.Write(rollback, new CutoverRequest(StopWritesMode.Confirmed, 30, "flexmigrate rollback"));
        CutoverFlagFile.Write(finish, new CutoverRequest(RequestedBy: "flexmigrate finish"));
        // Forward: neither is taken (and the lag threshold raises the cutover, never a rollback).
        Assert.Equal("cutover", signals.Poll(Status(true, 0))?.Event);
        Assert.True(File.Exists(rollback) && File.Exists(finish));

        Assert.Equal(new SwitchSignal("rollback", new CutoverRequest(StopWritesMode.Confirmed, 30, "flexmigrate rollback")), signals.Poll(reverse));
        Assert.Null(signals.Poll(reverse with { Phase = MigrationPhase.RollingBack }));
        Assert.Equal(new SwitchSignal("finish", new CutoverRequest(RequestedBy: "flexmigrate finish")), signals.Poll(reverse));
        Assert.Null(signals.Poll(reverse));
        Assert.False(File.Exists(rollback) || File.Exists(finish));
    }

    [Fact]
    public void Lag_threshold_fires_once_only_after_catch_up_and_never_during_a_cutover()
    {
        var signals = new CutoverSignals(Path.Combine(_dir, "none"), new CutoverRequest(StopWritesMode.Confirmed), lagBelowSeconds: 2, keyboard: false, TextWriter.Null);

        Assert.Null(signals.Poll(Status(false, 0.1))?.Request);
        Assert.Null(signals.Poll(Status(true, 5))?.Request);
        Assert.Null(signals.Poll(Status(true, 0.5, MigrationPhase.CuttingOver))?.Request);
        Assert.Equal(new CutoverRequest(StopWritesMode.Confirmed, RequestedBy: "lag below 2 s"), signals.Poll(Status(true, 0.5))?.Request);
        Assert.Null(signals.Poll(Status(true, 0.5))?.Request);
    }

    [Theory]
    [InlineData(null, 15)] // the options' 10 s batch, its idle second and the slack
    [InlineData(60, 65)] // --apply-batch-seconds 60: a figure 20 s old is still the last batch's
    [InlineData(2, 7)]
    public void Lag_threshold_waits_for_a_fresh_figure_when_the_last_batch_ended_long_ago(int? batchSeconds, double maxAgeSeconds)
    {
        var now = new DateTime(2026, 12, 7, 14, 0, 0, DateTimeKind.Utc);
        MigrationStatus MeasuredAgo(double seconds)
        {
            var status = Status(true, 0.64);
            return status with { Replication = status.Replication! with { LagMeasuredUtc = now.AddSeconds(-seconds) } };
        }

        CutoverSignals Signals() => new(Path.Combine(_dir, "none"), new CutoverRequest(), lagBelowSeconds: 1, keyboard: false, TextWriter.Null,
            new FixedClock(now), batchSeconds);

        // A 0.64 s lag measured 69 s ago (the running batch is taking long): the lag now is unknown, no cutover.
        Assert.Null(Signals().Poll(MeasuredAgo(69)));
        Assert.Null(Signals().Poll(MeasuredAgo(maxAgeSeconds + 0.1)));
        Assert.Equal("lag below 1 s", Signals().Poll(MeasuredAgo(maxAgeSeconds))?.Request.RequestedBy);
        Assert.Equal(TimeSpan.FromSeconds(maxAgeSeconds), CutoverSignals.MaxLagAge(batchSeconds ?? new MigrationOptions().ApplyBatchSeconds));
    }

    private sealed class FixedClock(DateTime utc) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => utc;
    }

    [Fact]
    public void A_garbled_flag_file_is_reported_removed_and_replication_goes_on()
    {
        var path = Path.Combine(_dir, "bad.cutover");
        File.WriteAllText(path, "{not json");
        var diagnostics = new StringWriter();
        var signals = new CutoverSignals(path, new CutoverRequest(), null, false, diagnostics);

        Assert.Null(signals.Poll(Status(true, 0))?.Request);
        Assert.Contains($"Cutover flag file {path} is not a cutover request", diagnostics.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }
}
