using FlexMigrate.Core.Ledger;
using FlexMigrate.Orchestration.Contracts;
using FlexMigrate.Orchestration.Ledger;
using Microsoft.Azure.Functions.Worker;

namespace FlexMigrate.Functions.Durable;

/// <summary>Thin Functions wrappers over the progress-ledger activities (the target's flexmigrate_state).</summary>
public static class LedgerActivityFunctions
{
    [Function(nameof(OpenLedgerActivity))]
    public static Task<LedgerOpened> OpenLedger([ActivityTrigger] LedgerOpening input, string instanceId, FunctionContext context) =>
        ActivityFunctions.Create<OpenLedgerActivity>(context).RunAsync(new FunctionActivityContext(nameof(OpenLedgerActivity), instanceId), input);

    [Function(nameof(RecordPhaseActivity))]
    public static Task<bool> RecordPhase([ActivityTrigger] LedgerPhase input, string instanceId, FunctionContext context) =>
        ActivityFunctions.Create<RecordPhaseActivity>(context).RunAsync(new FunctionActivityContext(nameof(RecordPhaseActivity), instanceId), input);

    [Function(nameof(RecordStepActivity))]
    public static Task<bool> RecordStep([ActivityTrigger] LedgerStep input, string instanceId, FunctionContext context) =>
        ActivityFunctions.Create<RecordStepActivity>(context).RunAsync(new FunctionActivityContext(nameof(RecordStepActivity), instanceId), input);

    [Function(nameof(CloseLedgerActivity))]
    public static Task<IReadOnlyList<LedgerRun>> CloseLedger([ActivityTrigger] LedgerClosing input, string instanceId, FunctionContext context) =>
        ActivityFunctions.Create<CloseLedgerActivity>(context).RunAsync(new FunctionActivityContext(nameof(CloseLedgerActivity), instanceId), input);
}
