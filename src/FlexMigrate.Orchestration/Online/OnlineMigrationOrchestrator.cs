using FlexMigrate.Orchestration.Activities;
using FlexMigrate.Orchestration.Cancellation;
using FlexMigrate.Orchestration.Contracts;
using FlexMigrate.Orchestration.Control;
using FlexMigrate.Orchestration.Logging;
using FlexMigrate.Orchestration.Pipeline;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Online;

/// <summary>
/// The online migration, one durable instance from start to cutover. Generation 0 is the load every migration shares
/// (<see cref="LoadPipeline"/>) with its online steps: the source position P0 first, UNIQUE indexes left for later,
/// the position where the copy ended; the Azure tuning is restored right after the copy (replication's load is the
/// source's write rate). Every later generation is one turn of the eternal replication loop
/// (<see cref="ReplicationTurn"/>): apply a bounded batch, publish lag, wait briefly for the <c>cutover</c> event,
/// continue as new. With reverseAfterCutover the instance goes on after the cutover, replicating the target back to
/// the old source (the same turn with the roles swapped) until the <c>rollback</c> or <c>finish</c> event; after a
/// rollback, <c>flexmigrate resume</c> goes forward again from the rollback's position without a copy.
/// ContinueAsNew keeps the history one generation long however many days replication runs.
/// Every exit (blocked, cancelled, failed, cut over) ends like the offline migration's (<see cref="MigrationSteps.RunAsync"/>).
/// Deterministic like every orchestrator: no I/O, clocks or randomness here.
/// </summary>
public sealed class OnlineMigrationOrchestrator : TaskOrchestrator<OnlineMigrationInput, MigrationReport?>
{
    /// <summary>Name of the external event that starts the cutover; its payload is a <see cref="CutoverRequest"/>.</summary>
    public const string CutoverEvent = "cutover";

    /// <summary>
    /// Name of the external event that, during reverse replication after a cutover, makes the old source the primary
    /// again (stop writes on the target, drain, switch the old source on); its payload is a <see cref="CutoverRequest"/>.
    /// </summary>
    public const string RollbackEvent = "rollback";

    /// <summary>Name of the external event that ends reverse replication: the target stays the primary.</summary>
    public const string FinishEvent = "finish";

    /// <summary>Payload name of the forward cutover's report that reverse replication (or forward again) completes.</summary>
    internal const string ForwardReportName = "forward-report";

    /// <summary>Payload name of the initial load's report that the replication loop completes at its cutover.</summary>
    internal const string LoadReportName = "load-report";

    public override async Task<MigrationReport?> RunAsync(TaskOrchestrationContext context, OnlineMigrationInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        // First, before any await: this generation's one cancel waiter (see CancelSignal).
        var cancel = new CancelSignal(context);
        using var scope = context.CreateReplaySafeLogger<OnlineMigrationOrchestrator>().BeginMigrationScope(context.InstanceId);
        if (input.State is not { } state)
        {
            return await LoadAsync(context, input, cancel);
        }

        var cutover = state.Direction == ReplicationDirection.Reverse
            ? new CutoverSignal(context, RollbackEvent, FinishEvent)
            : new CutoverSignal(context, CutoverEvent);
        var turn = new ReplicationTurn(context, input.Request, state, cancel, cutover);
        return await turn.RunAsync(next => ContinueAsNew(context, input with { State = next }, cancel, cutover, turn.Control));
    }

    /// <summary>
    /// Generation 0: the load, then the Azure tuning restored (it holds for the copy only: replication's load is the
    /// source's write rate) and the replication state handed to the next generation.
    /// </summary>
    private static Task<MigrationReport?> LoadAsync(TaskOrchestrationContext context, OnlineMigrationInput input, CancelSignal cancel)
    {
        var load = new LoadPipeline(context, input.Request, cancel);
        return load.RunAsync(async result =>
        {
            await load.RestoreAzureAsync();
            load.Control.TakePending();
            if (load.Steps.Run is { ForwardAgainFrom: { } forwardAgain })
            {
                // After a rollback: the target readied (triggers and events dropped, writable), forward from the rollback's position.
                var notes = await load.Steps.CallAsync<IReadOnlyList<Core.Schema.MigrationNote>>(nameof(BeginForwardAgainActivity),
                    new ForwardAgainStep(input.Request, load.Steps.MigrationId, forwardAgain));
                var first = await CarriedReports.CarryAsync(context, load.Steps.MigrationId, ForwardReportName,
                    ReplicationStateFolding.ForwardAgainReport(forwardAgain, notes));
                ContinueAsNew(context, input with { State = ReplicationStateFolding.ForwardAgain(forwardAgain, first, context.CurrentUtcDateTime) with
                {
                    Throttle = load.Control.Status(),
                } }, cancel, cutover: null, load.Control);
                return null;
            }

            if (load.Steps.Run is { Reverse: { } reverse } run)
            {
                // A resume after the cutover an earlier run completed: replicating back, from where that run stood.
                var forward = await CarriedReports.CarryAsync(context, load.Steps.MigrationId, ForwardReportName, reverse.Forward);
                ContinueAsNew(context, input with { State = ReplicationStateFolding.ResumedReverse(reverse, run, forward, context.CurrentUtcDateTime) },
                    cancel, cutover: null, load.Control);
                return null;
            }

            // The report by reference from here on: every turn carries and publishes its summary only (issue 20).
            var report = await CarriedReports.CarryAsync(context, load.Steps.MigrationId, LoadReportName, load.Report(MigrationOutcome.Succeeded));
            var state = ReplicationStateFolding.Start(result.Start!, result.CopyEnd!, report, load.Steps.Phase, load.Steps.PhaseStartedUtc)
                with { Throttle = load.Control.Status() };
            ContinueAsNew(context, input with { State = state }, cancel, cutover: null, load.Control);
            return null;
        });
    }

    /// <summary>
    /// Ends this generation. A cancel that already arrived ends the migration instead; one that arrives later in this
    /// same episode, or a cutover or control command this generation did not take, is handed on to the next generation,
    /// so none is lost (events nobody waited for are handed on by the SDK itself).
    /// </summary>
    private static void ContinueAsNew(TaskOrchestrationContext context, OnlineMigrationInput next, CancelSignal cancel, CutoverSignal? cutover,
        MigrationControl control)
    {
        cancel.ThrowIfRequested();
        context.ContinueAsNew(next);
        cancel.ForwardTo(context.InstanceId);
        cutover?.ForwardTo(context.InstanceId);
        control.ForwardTo(context.InstanceId);
    }
}
