using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Online;

/// <summary>
/// The online migration, one durable instance from start to cutover:
/// generation 0 records the source position P0, then copies schema and rows exactly like the offline migration
/// (unique keys, foreign keys, routines, views, triggers and events wait) and records where the copy finished;
/// every later generation is one turn of the eternal replication loop (<see cref="ReplicationTurn"/>): apply a
/// bounded batch of binlog changes, publish lag, wait briefly for the <c>cutover</c> event, continue as new.
/// ContinueAsNew keeps the history one generation long however many days replication runs, and carries events that
/// arrived during a batch into the next generation, so a cutover is never lost.
/// Deterministic like every orchestrator: no I/O, clocks or randomness here.
/// </summary>
public sealed class OnlineMigrationOrchestrator : TaskOrchestrator<OnlineMigrationInput, MigrationReport?>
{
    /// <summary>Name of the external event that starts the cutover; its payload is a <see cref="CutoverRequest"/>.</summary>
    public const string CutoverEvent = "cutover";

    public override async Task<MigrationReport?> RunAsync(TaskOrchestrationContext context, OnlineMigrationInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        if (input.State is null)
        {
            var load = await OnlineInitialLoad.RunAsync(context, input.Request);
            if (load.Ended is { } ended)
            {
                return ended;
            }

            context.ContinueAsNew(input with { State = load.State });
            return null;
        }

        var turn = new ReplicationTurn(context, input.Request, input.State);
        if (await turn.RunAsync() is { } report)
        {
            return report;
        }

        context.ContinueAsNew(input with { State = turn.State });
        return null;
    }
}
