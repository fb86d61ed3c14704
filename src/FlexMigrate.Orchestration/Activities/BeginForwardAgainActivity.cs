using System.Text.Json;
using FlexMigrate.Core.Cutover;
using FlexMigrate.Core.Ledger;
using FlexMigrate.Core.Schema;
using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Activities;

/// <summary>
/// Readies the target to replicate forward again after a rollback (issue 16), without a copy: its triggers and events
/// in the migrated databases are dropped (they would fire on replicated rows, whose effects the source's triggers
/// already wrote to its binlog; the next cutover creates them again from the source, as every cutover does), its
/// read_only goes back to its value at the first cutover (the rollback left it read-only), and the ledger starts the
/// new round: <see cref="LedgerSteps.ForwardAgain"/> recorded, the round before's reverse start and rollback forgotten
/// (a later cutover and rollback record theirs afresh). Idempotent: a run stopped anywhere in here does it again.
/// </summary>
public sealed class BeginForwardAgainActivity(IConnectionCatalog connections) : TaskActivity<ForwardAgainStep, IReadOnlyList<MigrationNote>>
{
    public override async Task<IReadOnlyList<MigrationNote>> RunAsync(TaskActivityContext context, ForwardAgainStep input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var target = connections.Resolve(input.Request.TargetConnection);
        var dropped = await new TargetSwitchUndo(target).UndoAsync(SchemaSteps.Selection(input.Request));
        if (!input.Start.TargetWasReadOnly)
        {
            await new SourceWriteGate(target).SetReadOnlyAsync(false);
        }

        await using var ledger = await TargetLedger.OpenAsync(target, input.MigrationId);
        // A record keeps its first value, so an earlier round's is replaced. The rollback's steps go last: a stop anywhere
        // in between still finds them (or this round's record) and goes forward again from the same position.
        await ledger.ForgetStepsAsync([LedgerSteps.ForwardAgain]);
        await ledger.RecordStepAsync(LedgerSteps.ForwardAgain, JsonSerializer.Serialize(input.Start));
        await ledger.ForgetStepsAsync([LedgerSteps.ReverseStart, LedgerSteps.RolledBack]);
        var notes = new List<MigrationNote>
        {
            new(NoteSeverity.Info, "forward-again",
                $"Forward again after the rollback: replicating the source from {input.Start.From.Position.Position} without a copy."),
        };
        if (dropped.Count > 0)
        {
            notes.Add(new MigrationNote(NoteSeverity.Info, "forward-again",
                $"Dropped {string.Join(", ", dropped)} on the target while it replicates; the cutover creates them again from the source."));
        }

        return notes;
    }
}
