using FlexMigrate.Azure.Storage;
using FlexMigrate.Core.Schema;
using FlexMigrate.Core.Throttling;
using FlexMigrate.Orchestration.Activities;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace FlexMigrate.Functions.Durable;

/// <summary>
/// Thin Functions wrappers over the class-based activities (constructed with DI, as on the embedded engine).
/// Each function's name equals the task name; a test checks every activity in TaskCatalog has one.
/// </summary>
public static class ActivityFunctions
{
    [Function(nameof(PrecheckActivity))]
    public static Task<FlexMigrate.Core.Precheck.PrecheckReport> Precheck([ActivityTrigger] MigrationRequest input, string instanceId, FunctionContext context) =>
        Create<PrecheckActivity>(context).RunAsync(new FunctionActivityContext(nameof(PrecheckActivity), instanceId), input);

    [Function(nameof(PlanMigrationActivity))]
    public static Task<MigrationPlan> PlanMigration([ActivityTrigger] MigrationRequest input, string instanceId, FunctionContext context) =>
        Create<PlanMigrationActivity>(context).RunAsync(new FunctionActivityContext(nameof(PlanMigrationActivity), instanceId), input);

    [Function(nameof(CreateTablesActivity))]
    public static Task<IReadOnlyList<MigrationNote>> CreateTables([ActivityTrigger] SchemaStep input, string instanceId, FunctionContext context) =>
        Create<CreateTablesActivity>(context).RunAsync(new FunctionActivityContext(nameof(CreateTablesActivity), instanceId), input);

    [Function(nameof(PlanChunksActivity))]
    public static Task<TableChunks> PlanChunks([ActivityTrigger] PlanChunksStep input, string instanceId, FunctionContext context) =>
        Create<PlanChunksActivity>(context).RunAsync(new FunctionActivityContext(nameof(PlanChunksActivity), instanceId), input);

    [Function(nameof(CopyChunkActivity))]
    public static Task<ChunkCopied> CopyChunk([ActivityTrigger] ChunkStep input, string instanceId, FunctionContext context) =>
        Create<CopyChunkActivity>(context).RunAsync(new FunctionActivityContext(nameof(CopyChunkActivity), instanceId), input);

    [Function(nameof(CopySmallTablesActivity))]
    public static Task<SmallTablesCopied> CopySmallTables([ActivityTrigger] SmallTablesStep input, string instanceId, FunctionContext context) =>
        Create<CopySmallTablesActivity>(context).RunAsync(new FunctionActivityContext(nameof(CopySmallTablesActivity), instanceId), input);

    [Function(nameof(WaitForThrottleActivity))]
    public static Task<ThrottleSnapshot> WaitForThrottle([ActivityTrigger] ThrottleStep input, string instanceId, FunctionContext context) =>
        Create<WaitForThrottleActivity>(context).RunAsync(new FunctionActivityContext(nameof(WaitForThrottleActivity), instanceId), input);

    [Function(nameof(AddIndexesActivity))]
    public static Task<IReadOnlyList<MigrationNote>> AddIndexes([ActivityTrigger] TableStep input, string instanceId, FunctionContext context) =>
        Create<AddIndexesActivity>(context).RunAsync(new FunctionActivityContext(nameof(AddIndexesActivity), instanceId), input);

    [Function(nameof(CreateRoutinesActivity))]
    public static Task<IReadOnlyList<MigrationNote>> CreateRoutines([ActivityTrigger] SchemaStep input, string instanceId, FunctionContext context) =>
        Create<CreateRoutinesActivity>(context).RunAsync(new FunctionActivityContext(nameof(CreateRoutinesActivity), instanceId), input);

    [Function(nameof(CreateViewsActivity))]
    public static Task<IReadOnlyList<MigrationNote>> CreateViews([ActivityTrigger] SchemaStep input, string instanceId, FunctionContext context) =>
        Create<CreateViewsActivity>(context).RunAsync(new FunctionActivityContext(nameof(CreateViewsActivity), instanceId), input);

    [Function(nameof(CreateTriggersActivity))]
    public static Task<IReadOnlyList<MigrationNote>> CreateTriggers([ActivityTrigger] SchemaStep input, string instanceId, FunctionContext context) =>
        Create<CreateTriggersActivity>(context).RunAsync(new FunctionActivityContext(nameof(CreateTriggersActivity), instanceId), input);

    [Function(nameof(CreateEventsActivity))]
    public static Task<IReadOnlyList<MigrationNote>> CreateEvents([ActivityTrigger] SchemaStep input, string instanceId, FunctionContext context) =>
        Create<CreateEventsActivity>(context).RunAsync(new FunctionActivityContext(nameof(CreateEventsActivity), instanceId), input);

    [Function(nameof(AddForeignKeysActivity))]
    public static Task<IReadOnlyList<MigrationNote>> AddForeignKeys([ActivityTrigger] SchemaStep input, string instanceId, FunctionContext context) =>
        Create<AddForeignKeysActivity>(context).RunAsync(new FunctionActivityContext(nameof(AddForeignKeysActivity), instanceId), input);

    [Function(nameof(ValidateSchemaActivity))]
    public static Task<FlexMigrate.Core.Validation.SchemaComparison> ValidateSchema([ActivityTrigger] MigrationRequest input, string instanceId, FunctionContext context) =>
        Create<ValidateSchemaActivity>(context).RunAsync(new FunctionActivityContext(nameof(ValidateSchemaActivity), instanceId), input);

    [Function(nameof(ValidateTablesActivity))]
    public static Task<IReadOnlyList<FlexMigrate.Core.Validation.TableValidationResult>> ValidateTables([ActivityTrigger] TablesValidationStep input, string instanceId, FunctionContext context) =>
        Create<ValidateTablesActivity>(context).RunAsync(new FunctionActivityContext(nameof(ValidateTablesActivity), instanceId), input);

    [Function(nameof(StoreValidationResultsActivity))]
    public static Task<ValidationGroupCompared> StoreValidationResults([ActivityTrigger] ValidationResultsToStore input, string instanceId, FunctionContext context) =>
        Create<StoreValidationResultsActivity>(context).RunAsync(new FunctionActivityContext(nameof(StoreValidationResultsActivity), instanceId), input);

    [Function(nameof(JoinValidationActivity))]
    public static Task<FlexMigrate.Core.Validation.ValidationReport> JoinValidation([ActivityTrigger] ValidationJoin input, string instanceId, FunctionContext context) =>
        Create<JoinValidationActivity>(context).RunAsync(new FunctionActivityContext(nameof(JoinValidationActivity), instanceId), input);

    [Function(nameof(ValidateTableActivity))]
    public static Task<FlexMigrate.Core.Validation.TableValidationResult> ValidateTable([ActivityTrigger] TableStep input, string instanceId, FunctionContext context) =>
        Create<ValidateTableActivity>(context).RunAsync(new FunctionActivityContext(nameof(ValidateTableActivity), instanceId), input);

    [Function(nameof(CatalogSourceSchemaActivity))]
    public static Task<PayloadReference?> CatalogSourceSchema([ActivityTrigger] MigrationRequest input, string instanceId, FunctionContext context) =>
        Create<CatalogSourceSchemaActivity>(context).RunAsync(new FunctionActivityContext(nameof(CatalogSourceSchemaActivity), instanceId), input);

    [Function(nameof(ListTablesActivity))]
    public static Task<TableListing> ListTables([ActivityTrigger] MigrationRequest input, string instanceId, FunctionContext context) =>
        Create<ListTablesActivity>(context).RunAsync(new FunctionActivityContext(nameof(ListTablesActivity), instanceId), input);

    [Function(nameof(RecordSourcePositionActivity))]
    public static Task<SourcePositionRecorded> RecordSourcePosition([ActivityTrigger] MigrationRequest input, string instanceId, FunctionContext context) =>
        Create<RecordSourcePositionActivity>(context).RunAsync(new FunctionActivityContext(nameof(RecordSourcePositionActivity), instanceId), input);

    [Function(nameof(ApplyChangesActivity))]
    public static Task<ChangesApplied> ApplyChanges([ActivityTrigger] ApplyChangesStep input, string instanceId, FunctionContext context) =>
        Create<ApplyChangesActivity>(context).RunAsync(new FunctionActivityContext(nameof(ApplyChangesActivity), instanceId), input);

    [Function(nameof(AddUniqueIndexesActivity))]
    public static Task<IReadOnlyList<MigrationNote>> AddUniqueIndexes([ActivityTrigger] TablesStep input, string instanceId, FunctionContext context) =>
        Create<AddUniqueIndexesActivity>(context).RunAsync(new FunctionActivityContext(nameof(AddUniqueIndexesActivity), instanceId), input);

    [Function(nameof(StopSourceWritesActivity))]
    public static Task<SourceWritesStopped> StopSourceWrites([ActivityTrigger] CutoverStep input, string instanceId, FunctionContext context) =>
        Create<StopSourceWritesActivity>(context).RunAsync(new FunctionActivityContext(nameof(StopSourceWritesActivity), instanceId), input);

    [Function(nameof(ResumeSourceWritesActivity))]
    public static Task<bool> ResumeSourceWrites([ActivityTrigger] CutoverStep input, string instanceId, FunctionContext context) =>
        Create<ResumeSourceWritesActivity>(context).RunAsync(new FunctionActivityContext(nameof(ResumeSourceWritesActivity), instanceId), input);

    [Function(nameof(SwitchTargetOnActivity))]
    public static Task<TargetSwitched> SwitchTargetOn([ActivityTrigger] MigrationRequest input, string instanceId, FunctionContext context) =>
        Create<SwitchTargetOnActivity>(context).RunAsync(new FunctionActivityContext(nameof(SwitchTargetOnActivity), instanceId), input);

    [Function(nameof(UndoCutoverActivity))]
    public static Task<IReadOnlyList<MigrationNote>> UndoCutover([ActivityTrigger] MigrationRequest input, string instanceId, FunctionContext context) =>
        Create<UndoCutoverActivity>(context).RunAsync(new FunctionActivityContext(nameof(UndoCutoverActivity), instanceId), input);

    [Function(nameof(SuspendSourceObjectsActivity))]
    public static Task<IReadOnlyList<MigrationNote>> SuspendSourceObjects([ActivityTrigger] MigrationRequest input, string instanceId, FunctionContext context) =>
        Create<SuspendSourceObjectsActivity>(context).RunAsync(new FunctionActivityContext(nameof(SuspendSourceObjectsActivity), instanceId), input);

    [Function(nameof(CheckForwardAgainActivity))]
    public static Task<FlexMigrate.Core.Precheck.PrecheckReport> CheckForwardAgain([ActivityTrigger] ForwardAgainStep input, string instanceId, FunctionContext context) =>
        Create<CheckForwardAgainActivity>(context).RunAsync(new FunctionActivityContext(nameof(CheckForwardAgainActivity), instanceId), input);

    [Function(nameof(BeginForwardAgainActivity))]
    public static Task<IReadOnlyList<MigrationNote>> BeginForwardAgain([ActivityTrigger] ForwardAgainStep input, string instanceId, FunctionContext context) =>
        Create<BeginForwardAgainActivity>(context).RunAsync(new FunctionActivityContext(nameof(BeginForwardAgainActivity), instanceId), input);

    [Function(nameof(DropReplicationStateActivity))]
    public static Task<bool> DropReplicationState([ActivityTrigger] ApplyChangesStep input, string instanceId, FunctionContext context) =>
        Create<DropReplicationStateActivity>(context).RunAsync(new FunctionActivityContext(nameof(DropReplicationStateActivity), instanceId), input);

    [Function(nameof(SweepCascadeOrphansActivity))]
    public static Task<IReadOnlyList<MigrationNote>> SweepCascadeOrphans([ActivityTrigger] MigrationRequest input, string instanceId, FunctionContext context) =>
        Create<SweepCascadeOrphansActivity>(context).RunAsync(new FunctionActivityContext(nameof(SweepCascadeOrphansActivity), instanceId), input);

    internal static T Create<T>(FunctionContext context) =>
        ActivatorUtilities.GetServiceOrCreateInstance<T>(context.InstanceServices);
}
