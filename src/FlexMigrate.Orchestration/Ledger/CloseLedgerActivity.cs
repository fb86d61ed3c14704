using FlexMigrate.Core.Ledger;
using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Ledger;

/// <summary>
/// Records how a run ended (the migration's status and the run's outcome) and returns every run of the migration
/// for the report. A failed run records Failed, so `flexmigrate resume` lists it as resumable once the cause is fixed.
/// </summary>
public sealed class CloseLedgerActivity(IConnectionCatalog connections) : TaskActivity<LedgerClosing, IReadOnlyList<LedgerRun>>
{
    public override async Task<IReadOnlyList<LedgerRun>> RunAsync(TaskActivityContext context, LedgerClosing input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var ledger = await TargetLedger.OpenAsync(connections.Resolve(input.TargetConnection), input.MigrationId);
        var status = input.Outcome switch
        {
            MigrationOutcome.Succeeded or MigrationOutcome.RolledBack => LedgerStatus.Succeeded,
            MigrationOutcome.Cancelled => LedgerStatus.Cancelled,
            MigrationOutcome.PrecheckBlocked => LedgerStatus.Blocked,
            _ => LedgerStatus.Failed,
        };
        return await ledger.CloseRunAsync(status, input.Outcome.ToString());
    }
}
