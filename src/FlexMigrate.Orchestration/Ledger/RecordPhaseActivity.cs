using FlexMigrate.Core.Ledger;
using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Ledger;

/// <summary>Moves the ledger's migration row to the phase the orchestration entered (what a resume reports as "resumed from").</summary>
public sealed class RecordPhaseActivity(IConnectionCatalog connections) : TaskActivity<LedgerPhase, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, LedgerPhase input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var ledger = await TargetLedger.OpenAsync(connections.Resolve(input.TargetConnection), input.MigrationId);
        await ledger.SetPhaseAsync(input.Phase.ToString());
        return true;
    }
}
