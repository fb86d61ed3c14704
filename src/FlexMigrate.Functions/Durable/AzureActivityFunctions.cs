using FlexMigrate.Azure.Arm;
using FlexMigrate.Azure.Storage;
using FlexMigrate.Core.Precheck;
using FlexMigrate.Orchestration.Azure;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.Azure.Functions.Worker;

namespace FlexMigrate.Functions.Durable;

/// <summary>
/// Thin Functions wrappers over the Azure activities (Resource Manager, Blob artifacts, payload pages), constructed with
/// DI like the others: the registered ArmConnection (managed identity) and MigrationArtifactStore / IPayloadStore.
/// </summary>
public static class AzureActivityFunctions
{
    [Function(nameof(DiscoverAzureServersActivity))]
    public static Task<AzureDiscovery> DiscoverAzureServers([ActivityTrigger] AzureDiscoveryStep input, string instanceId, FunctionContext context) =>
        ActivityFunctions.Create<DiscoverAzureServersActivity>(context).RunAsync(new FunctionActivityContext(nameof(DiscoverAzureServersActivity), instanceId), input);

    [Function(nameof(AzurePrecheckActivity))]
    public static Task<PrecheckReport> AzurePrecheck([ActivityTrigger] AzurePrecheckStep input, string instanceId, FunctionContext context) =>
        ActivityFunctions.Create<AzurePrecheckActivity>(context).RunAsync(new FunctionActivityContext(nameof(AzurePrecheckActivity), instanceId), input);

    [Function(nameof(ApplyAzureChangesActivity))]
    public static Task<IReadOnlyList<AzureChange>> ApplyAzureChanges(
        [ActivityTrigger] IReadOnlyList<AzureChange> input, string instanceId, FunctionContext context) =>
        ActivityFunctions.Create<ApplyAzureChangesActivity>(context).RunAsync(new FunctionActivityContext(nameof(ApplyAzureChangesActivity), instanceId), input);

    [Function(nameof(RestoreAzureChangesActivity))]
    public static Task<IReadOnlyList<AzureRestoreOutcome>> RestoreAzureChanges(
        [ActivityTrigger] IReadOnlyList<AzureChange> input, string instanceId, FunctionContext context) =>
        ActivityFunctions.Create<RestoreAzureChangesActivity>(context).RunAsync(new FunctionActivityContext(nameof(RestoreAzureChangesActivity), instanceId), input);

    [Function(nameof(StopSourceServerActivity))]
    public static Task<AzureChange?> StopSourceServer([ActivityTrigger] string input, string instanceId, FunctionContext context) =>
        ActivityFunctions.Create<StopSourceServerActivity>(context).RunAsync(new FunctionActivityContext(nameof(StopSourceServerActivity), instanceId), input);

    [Function(nameof(WriteArtifactActivity))]
    public static Task<ArtifactReference?> WriteArtifact([ActivityTrigger] ArtifactWrite input, string instanceId, FunctionContext context) =>
        ActivityFunctions.Create<WriteArtifactActivity>(context).RunAsync(new FunctionActivityContext(nameof(WriteArtifactActivity), instanceId), input);

    [Function(nameof(ReadTablePageActivity))]
    public static Task<IReadOnlyList<TableWork>> ReadTablePage([ActivityTrigger] TablePageStep input, string instanceId, FunctionContext context) =>
        ActivityFunctions.Create<ReadTablePageActivity>(context).RunAsync(new FunctionActivityContext(nameof(ReadTablePageActivity), instanceId), input);

    [Function(nameof(StoreReportActivity))]
    public static Task<PayloadReference?> StoreReport([ActivityTrigger] ReportToStore input, string instanceId, FunctionContext context) =>
        ActivityFunctions.Create<StoreReportActivity>(context).RunAsync(new FunctionActivityContext(nameof(StoreReportActivity), instanceId), input);

    [Function(nameof(ReadReportActivity))]
    public static Task<MigrationReport> ReadReport([ActivityTrigger] PayloadReference input, string instanceId, FunctionContext context) =>
        ActivityFunctions.Create<ReadReportActivity>(context).RunAsync(new FunctionActivityContext(nameof(ReadReportActivity), instanceId), input);
}
