using FlexMigrate.Orchestration.Activities;
using FlexMigrate.Orchestration.Azure;
using FlexMigrate.Orchestration.Ledger;
using FlexMigrate.Orchestration.Offline;
using FlexMigrate.Orchestration.Online;
using FlexMigrate.Orchestration.Pipeline;
using FlexMigrate.Orchestration.Precheck;
using FlexMigrate.Orchestration.Validation;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration;

/// <summary>
/// Every orchestrator and activity, registered the same way by every host (the CLI's embedded engine, tests).
/// The Functions app has one hand-written wrapper per entry; a test checks none is missing.
/// </summary>
public static class TaskCatalog
{
    public static IReadOnlyList<Type> Orchestrators { get; } =
    [
        typeof(MigrationOrchestrator),
        typeof(ValidationOrchestrator),
        typeof(CopyGroupOrchestrator),
        typeof(ValidationGroupOrchestrator),
        typeof(ChunkGroupOrchestrator),
        typeof(OnlineMigrationOrchestrator),
        typeof(PrecheckOrchestrator),
    ];

    public static IReadOnlyList<Type> Activities { get; } =
    [
        typeof(PrecheckActivity),
        typeof(PlanMigrationActivity),
        typeof(CreateTablesActivity),
        typeof(PlanChunksActivity),
        typeof(CopyChunkActivity),
        typeof(CopySmallTablesActivity),
        typeof(AddIndexesActivity),
        typeof(CreateRoutinesActivity),
        typeof(CreateViewsActivity),
        typeof(CreateTriggersActivity),
        typeof(CreateEventsActivity),
        typeof(AddForeignKeysActivity),
        typeof(ValidateSchemaActivity),
        typeof(ValidateTableActivity),
        typeof(ValidateTablesActivity),
        typeof(StoreValidationResultsActivity),
        typeof(JoinValidationActivity),
        typeof(ListTablesActivity),
        typeof(RecordSourcePositionActivity),
        typeof(ApplyChangesActivity),
        typeof(AddUniqueIndexesActivity),
        typeof(CatalogSourceSchemaActivity),
        typeof(StopSourceWritesActivity),
        typeof(ResumeSourceWritesActivity),
        typeof(SwitchTargetOnActivity),
        typeof(UndoCutoverActivity),
        typeof(SuspendSourceObjectsActivity),
        typeof(CheckForwardAgainActivity),
        typeof(BeginForwardAgainActivity),
        typeof(DropReplicationStateActivity),
        typeof(SweepCascadeOrphansActivity),
        typeof(DiscoverAzureServersActivity),
        typeof(AzurePrecheckActivity),
        typeof(ApplyAzureChangesActivity),
        typeof(RestoreAzureChangesActivity),
        typeof(StopSourceServerActivity),
        typeof(WriteArtifactActivity),
        typeof(ReadTablePageActivity),
        typeof(StoreReportActivity),
        typeof(ReadReportActivity),
        typeof(OpenLedgerActivity),
        typeof(RecordPhaseActivity),
        typeof(CloseLedgerActivity),
        typeof(RecordStepActivity),
        typeof(MigrateUsersActivity),
        typeof(ValidateUsersActivity),
        typeof(WaitForThrottleActivity),
    ];

    public static void Register(DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        foreach (var o in Orchestrators)
        {
            registry.AddOrchestrator(o);
        }

        foreach (var a in Activities)
        {
            registry.AddActivity(a);
        }
    }
}
