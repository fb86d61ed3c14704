using FlexMigrate.Core.Validation;
using FlexMigrate.Orchestration.Contracts;
using FlexMigrate.Orchestration.Offline;
using FlexMigrate.Orchestration.Online;
using FlexMigrate.Orchestration.Pipeline;
using FlexMigrate.Orchestration.Precheck;
using FlexMigrate.Orchestration.Validation;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace FlexMigrate.Functions.Durable;

/// <summary>
/// Thin Functions wrappers over the class-based orchestrators; each function's name equals the task name, so the
/// same orchestration runs here and on the CLI's embedded engine.
/// </summary>
public static class OrchestratorFunctions
{
    [Function(nameof(MigrationOrchestrator))]
    public static Task<MigrationReport> RunMigration([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new MigrationOrchestrator().RunAsync(context, context.GetInput<MigrationRequest>()!);

    [Function(nameof(ValidationOrchestrator))]
    public static Task<ValidationReport> RunValidation([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new ValidationOrchestrator().RunAsync(context, context.GetInput<MigrationRequest>()!);

    [Function(nameof(ValidationGroupOrchestrator))]
    public static Task<ValidationGroupCompared> RunValidationGroup([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new ValidationGroupOrchestrator().RunAsync(context, context.GetInput<ValidationGroupStep>()!);

    [Function(nameof(CopyGroupOrchestrator))]
    public static Task<CopyGroupCopied> RunCopyGroup([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new CopyGroupOrchestrator().RunAsync(context, context.GetInput<CopyGroupStep>()!);

    [Function(nameof(ChunkGroupOrchestrator))]
    public static Task<ChunkGroupCopied> RunChunkGroup([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new ChunkGroupOrchestrator().RunAsync(context, context.GetInput<ChunkGroupStep>()!);

    [Function(nameof(PrecheckOrchestrator))]
    public static Task<FlexMigrate.Core.Precheck.PrecheckReport> RunPrecheck([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new PrecheckOrchestrator().RunAsync(context, context.GetInput<MigrationRequest>()!);

    [Function(nameof(OnlineMigrationOrchestrator))]
    public static Task<MigrationReport?> RunOnlineMigration([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new OnlineMigrationOrchestrator().RunAsync(context, context.GetInput<OnlineMigrationInput>()!);
}
