using FlexMigrate.Azure.Storage;
using FlexMigrate.Core.Validation;
using FlexMigrate.Orchestration.Activities;
using FlexMigrate.Orchestration.Azure;
using FlexMigrate.Orchestration.Cancellation;
using FlexMigrate.Orchestration.Contracts;
using FlexMigrate.Orchestration.Logging;
using FlexMigrate.Orchestration.Validation;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Offline;

/// <summary>
/// The phases of a load shared by the offline and the online orchestrators: precheck, chunk planning, the bounded
/// copy pool, metadata order, validation. Orchestrator code: deterministic, all work in activities.
/// </summary>
internal static class LoadSteps
{
    /// <summary>
    /// Metadata after the data, in dependency order: routines before the views that call them, views before
    /// triggers and events that read them; triggers after the load so they never fire on copied rows; foreign keys
    /// last so the load needs no ordering between parent and child tables.
    /// </summary>
    public static readonly IReadOnlyList<string> MetadataSteps =
    [
        nameof(CreateRoutinesActivity),
        nameof(CreateViewsActivity),
        nameof(CreateTriggersActivity),
        nameof(CreateEventsActivity),
        nameof(AddForeignKeysActivity),
    ];

    /// <summary>The precheck (with the Azure servers' parameters and findings when <paramref name="discovery"/> is given),
    /// written as artifact precheck-report.json.</summary>
    public static async Task<bool> PrecheckPassesAsync(
        TaskOrchestrationContext context, MigrationRequest input, MigrationProgress progress, AzureDiscovery? discovery = null)
    {
        var precheck = await AzureSteps.PrecheckAsync(context, input, discovery);
        progress.Precheck = precheck;
        context.SetCustomStatus(progress.Status(context.CurrentUtcDateTime));
        progress.AddArtifact(await AzureSteps.WriteArtifactAsync(context, ArtifactKind.PrecheckReport, precheck));
        if (!precheck.HasErrors)
        {
            return true;
        }

        // --skip-precheck still runs the checks so the report records what was overridden.
        progress.PrecheckSkipped = input.Options.SkipPrecheck;
        return input.Options.SkipPrecheck;
    }

    /// <summary>
    /// Plans the migration; a table list that travelled by reference (more than the payload store's inline limit) is
    /// read back in pages here, so callers always get <see cref="MigrationPlan.Tables"/> filled.
    /// </summary>
    public static async Task<MigrationPlan> PlanAsync(TaskOrchestrationContext context, MigrationRequest input)
    {
        var plan = await context.CallActivityAsync<MigrationPlan>(nameof(PlanMigrationActivity), input, RetryPolicies.Transient);
        return plan.TablesReference is null ? plan : plan with { Tables = await AzureSteps.TablesOfAsync(context, plan) };
    }

    public static async Task<List<ChunkStep>> PlanChunksAsync(
        TaskOrchestrationContext context, MigrationRequest input, MigrationPlan plan, MigrationProgress progress)
    {
        var plans = await Task.WhenAll(plan.Tables.Select(t =>
            context.CallActivityAsync<IReadOnlyList<ChunkStep>>(nameof(PlanChunksActivity), new TableStep(input, t), RetryPolicies.Transient)));
        var all = new List<ChunkStep>();
        for (var i = 0; i < plan.Tables.Count; i++)
        {
            progress.PlanChunks(plan.Tables[i], plans[i].Count, context.CurrentUtcDateTime);
            all.AddRange(plans[i]);
        }

        return all;
    }

    /// <summary>
    /// Runs every chunk copy with at most <see cref="MigrationOptions.Parallelism"/> activities in flight, and
    /// queues a table's secondary-index build (in the same bounded pool) as soon as its last chunk lands. With a
    /// <see cref="CancelSignal"/>, a cancel lets the activities in flight finish and then throws
    /// <see cref="MigrationCancelledException"/>.
    /// </summary>
    public static async Task CopyAsync(
        TaskOrchestrationContext context, MigrationRequest input, List<ChunkStep> chunks, MigrationProgress progress, CancelSignal? cancel = null)
    {
        var log = context.CreateReplaySafeLogger(nameof(LoadSteps));
        var cancelled = cancel?.Requested ?? new TaskCompletionSource<string?>().Task;
        var pending = new Queue<ChunkStep>(chunks);
        var indexQueue = new Queue<TableWork>();
        var running = new List<(Task Task, ChunkStep? Chunk, TableWork? IndexTable)>();
        var limit = Math.Max(1, input.Options.Parallelism);
        while (pending.Count > 0 || indexQueue.Count > 0 || running.Count > 0)
        {
            while (running.Count < limit && (indexQueue.Count > 0 || pending.Count > 0))
            {
                if (indexQueue.Count > 0)
                {
                    var table = indexQueue.Dequeue();
                    running.Add((context.CallActivityAsync<IReadOnlyList<MigrationNote>>(
                        nameof(AddIndexesActivity), new TableStep(input, table), RetryPolicies.Transient), null, table));
                }
                else
                {
                    var chunk = pending.Dequeue();
                    progress.ChunkStarted(chunk.Table, context.CurrentUtcDateTime);
                    running.Add((context.CallActivityAsync<ChunkCopied>(nameof(CopyChunkActivity), chunk, RetryPolicies.Transient), chunk, null));
                }
            }

            var finished = await Task.WhenAny(running.Select(r => r.Task).Append(cancelled));
            if (finished == cancelled)
            {
                await DrainAsync(running.Select(r => r.Task));
                cancel!.ThrowIfRequested();
            }

            var item = running.First(r => r.Task == finished);
            running.Remove(item);
            if (item.Chunk is { } done)
            {
                progress.ChunkDone(done.Table, await (Task<ChunkCopied>)finished, context.CurrentUtcDateTime);
                if (progress.TableCopied(done.Table))
                {
                    var table = progress.TableReportOf(done.Table);
                    log.TableCopied(context.InstanceId, table.Table, table.Rows, table.Bytes, table.Seconds, table.RowsPerSecond);
                    indexQueue.Enqueue(done.Table);
                }
            }
            else
            {
                progress.AddNotes(await (Task<IReadOnlyList<MigrationNote>>)finished);
                progress.IndexesAdded(item.IndexTable!);
            }

            context.SetCustomStatus(progress.Status(context.CurrentUtcDateTime));
        }
    }

    /// <summary>On cancel, lets the activities in flight end (their outcome no longer matters) before Azure changes are restored.</summary>
    private static async Task DrainAsync(IEnumerable<Task> running)
    {
        foreach (var task in running.ToList())
        {
            try
            {
                await task;
            }
            catch (TaskFailedException)
            {
                // A chunk failing while the migration is being cancelled changes nothing: the target is left partial either way.
            }
        }
    }

    /// <summary>Validation as a sub-orchestration; its report is written as artifact validation-report.json.</summary>
    public static async Task<MigrationOutcome> ValidateAsync(TaskOrchestrationContext context, MigrationRequest input, MigrationProgress progress)
    {
        var report = await context.CallSubOrchestratorAsync<ValidationReport>(nameof(ValidationOrchestrator), input);
        progress.Validation = report;
        progress.AddArtifact(await AzureSteps.WriteArtifactAsync(context, ArtifactKind.ValidationReport, report));
        return report.Equal ? MigrationOutcome.Succeeded : MigrationOutcome.ValidationFailed;
    }
}
