using FlexMigrate.Core.Ledger;
using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Ledger;

/// <summary>
/// Records a step done once for the migration (online: P0). Idempotent, and the first value is kept: a resumed run
/// reads it back (<see cref="LedgerOpened.StartPosition"/>) instead of taking a new one.
/// </summary>
public sealed class RecordStepActivity(IConnectionCatalog connections) : TaskActivity<LedgerStep, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, LedgerStep input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var ledger = await TargetLedger.OpenAsync(connections.Resolve(input.Ledger.TargetConnection), input.Ledger.MigrationId);
        await ledger.RecordStepAsync(input.Step, input.Value);
        return true;
    }
}
