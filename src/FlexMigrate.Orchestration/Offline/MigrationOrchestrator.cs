using FlexMigrate.Orchestration.Cancellation;
using FlexMigrate.Orchestration.Contracts;
using FlexMigrate.Orchestration.Logging;
using FlexMigrate.Orchestration.Pipeline;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Offline;

/// <summary>
/// The offline migration, read as its phases: the load every migration shares (<see cref="LoadPipeline"/>: precheck,
/// plan, Azure tuning, tables, chunk planning, copy with indexes, schema snapshot), then metadata in dependency
/// order, validation, report. Every exit (done, blocked, cancelled, failed) restores the Azure changes and saves the
/// report (<see cref="MigrationSteps.RunAsync"/>).
/// Orchestrator code must be deterministic: no I/O, clocks or randomness here; all work is in activities and time
/// comes from <see cref="TaskOrchestrationContext.CurrentUtcDateTime"/>.
/// </summary>
public sealed class MigrationOrchestrator : TaskOrchestrator<MigrationRequest, MigrationReport>
{
    public override async Task<MigrationReport> RunAsync(TaskOrchestrationContext context, MigrationRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var load = new LoadPipeline(context, input, new CancelSignal(context));
        using var scope = context.CreateReplaySafeLogger<MigrationOrchestrator>().BeginMigrationScope(context.InstanceId);
        var report = await load.RunAsync(async _ =>
        {
            await load.CreateMetadataAsync();
            await load.MigrateUsersAsync();
            return input.Options.Validate ? await load.ValidateAsync() : MigrationOutcome.Succeeded;
        });
        return report!;
    }
}
