using FlexMigrate.Core.Replication;
using FlexMigrate.Orchestration.Contracts;
using FlexMigrate.Orchestration.Online;

namespace FlexMigrate.Cli.Migration;

/// <summary>
/// Where the CLI's cutover can come from while an online migration replicates: the flag file, the `c` key on an
/// interactive terminal, or the lag falling below `--cutover-when-lag-below` (once; after a failed cutover only a
/// new explicit signal retries, so a cutover that keeps failing does not loop). While it replicates back after the
/// cutover (--reverse-after-cutover), the rollback and finish flag files beside the cutover one
/// (<see cref="CutoverFlagFile.Sibling"/>), which `flexmigrate rollback|finish` create.
/// </summary>
/// <param name="flagPath">The cutover flag file (rollback and finish beside it).</param>
/// <param name="defaults">The request a key press or the lag threshold raises.</param>
/// <param name="lagBelowSeconds">`--cutover-when-lag-below`, or null.</param>
/// <param name="keyboard">Whether the `c` key is read.</param>
/// <param name="diagnostics">Where a garbled flag file is reported.</param>
/// <param name="clock">The clock lag figures are aged by (tests fix it).</param>
/// <param name="applyBatchSeconds">The migration's <see cref="MigrationOptions.ApplyBatchSeconds"/>: how often a lag
/// figure is published (<see cref="MaxLagAge"/>); null for the options' default (a migration resumed from durable
/// history alone, whose request the CLI does not hold).</param>
internal sealed class CutoverSignals(
    string flagPath, CutoverRequest defaults, double? lagBelowSeconds, bool keyboard, TextWriter diagnostics, TimeProvider? clock = null,
    int? applyBatchSeconds = null)
{
    // Past the batch and its idle return: the CLI's status poll and a loaded machine's scheduling of the next turn
    // (15 s at the default 10 s batch, the limit the lag-age fix was measured with).
    private static readonly TimeSpan LagAgeSlack = TimeSpan.FromSeconds(4);

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly TimeSpan _maxLagAge = MaxLagAge(applyBatchSeconds ?? new MigrationOptions().ApplyBatchSeconds);
    private bool _lagTriggered;

    public string FlagPath => flagPath;

    /// <summary>
    /// The oldest lag figure the threshold acts on: a batch runs at most <paramref name="applyBatchSeconds"/> and
    /// then its idle return (<see cref="ReplicationApplierOptions.DefaultIdleReturn"/>) before it publishes a new one. An older
    /// figure means the running batch is taking long (a backlog, a loaded target) and the lag now is unknown: acting on
    /// it stopped writes with a 26 s drain ahead in a measured run (a 0.64 s figure 69 s old, docs/benchmarks.md
    /// "Cutover downtime per step").
    /// </summary>
    internal static TimeSpan MaxLagAge(int applyBatchSeconds) =>
        TimeSpan.FromSeconds(applyBatchSeconds) + ReplicationApplierOptions.DefaultIdleReturn + LagAgeSlack;

    /// <summary>A switch event to raise now (cutover forward; rollback or finish in reverse), or null.</summary>
    public SwitchSignal? Poll(MigrationStatus status)
    {
        if (status.Replication is not { } replication || status.Phase is MigrationPhase.CuttingOver or MigrationPhase.RollingBack or MigrationPhase.Finishing)
        {
            return null;
        }

        if (replication.Direction == ReplicationDirection.Reverse)
        {
            return Take(OnlineMigrationOrchestrator.RollbackEvent) ?? Take(OnlineMigrationOrchestrator.FinishEvent);
        }

        if (Take(OnlineMigrationOrchestrator.CutoverEvent) is { } fromFile)
        {
            return fromFile;
        }

        if (keyboard && KeyPressed())
        {
            return Cutover(defaults with { RequestedBy = "keyboard" });
        }

        if (lagBelowSeconds is { } limit && !_lagTriggered && replication.CaughtUp && replication.LagSeconds < limit && Fresh(replication))
        {
            _lagTriggered = true;
            return Cutover(defaults with { RequestedBy = $"lag below {limit} s" });
        }

        return null;
    }

    private bool Fresh(ReplicationStatus replication) =>
        replication.LagMeasuredUtc is not { } measured || _clock.GetUtcNow().UtcDateTime - measured <= _maxLagAge;

    private static SwitchSignal Cutover(CutoverRequest request) => new(OnlineMigrationOrchestrator.CutoverEvent, request);

    /// <summary>The event's flag file when it exists (removed), else null.</summary>
    private SwitchSignal? Take(string eventName)
    {
        try
        {
            return CutoverFlagFile.Take(CutoverFlagFile.Sibling(flagPath, eventName)) is { } request ? new SwitchSignal(eventName, request) : null;
        }
        catch (InvalidDataException ex)
        {
            // A garbled signal must not end a migration that has replicated for days: say so and keep going.
            diagnostics.WriteLine(ex.Message);
            return null;
        }
    }

    private static bool KeyPressed()
    {
        while (Console.KeyAvailable)
        {
            if (Console.ReadKey(intercept: true).KeyChar is 'c' or 'C')
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>A switch event the CLI raises on the running instance: its name and request.</summary>
/// <param name="Event">cutover, rollback or finish (<see cref="OnlineMigrationOrchestrator"/>'s event names).</param>
/// <param name="Request">How writes stop and the time limit.</param>
internal sealed record SwitchSignal(string Event, CutoverRequest Request);
