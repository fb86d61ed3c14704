using FlexMigrate.Core.Precheck;
using FlexMigrate.Core.Validation;
using FlexMigrate.Orchestration.Activities;
using FlexMigrate.Orchestration.Contracts;
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

    public static async Task<bool> PrecheckPassesAsync(TaskOrchestrationContext context, MigrationRequest input, MigrationProgress progress)
    {
        var precheck = await context.CallActivityAsync<PrecheckReport>(nameof(PrecheckActivity), input, RetryPolicies.Transient);
        progress.Precheck = precheck;
        context.SetCustomStatus(progress.Status(context.CurrentUtcDateTime));
        if (!precheck.HasErrors)
        {
            return true;
        }

        // --skip-precheck still runs the checks so the report records what was overridden.
        progress.PrecheckSkipped = input.Options.SkipPrecheck;
        return input.Options.SkipPrecheck;
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
    /// queues a table's secondary-index build (in the same bounded pool) as soon as its last chunk lands.
    /// </summary>
    public static async Task CopyAsync(
        TaskOrchestrationContext context, MigrationRequest input, List<ChunkStep> chunks, MigrationProgress progress)
    {
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
                    running.Add((context.CallActivityAsync<ChunkCopied>(nameof(CopyChunkActivity), chunk, RetryPolicies.Transient), chunk, null));
                }
            }

            var finished = await Task.WhenAny(running.Select(r => r.Task));
            var item = running.First(r => r.Task == finished);
            running.Remove(item);
            if (item.Chunk is { } done)
            {
                progress.ChunkDone(done.Table, await (Task<ChunkCopied>)finished, context.CurrentUtcDateTime);
                if (progress.TableCopied(done.Table))
                {
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

    public static async Task<MigrationOutcome> ValidateAsync(TaskOrchestrationContext context, MigrationRequest input, MigrationProgress progress)
    {
        var report = await context.CallSubOrchestratorAsync<ValidationReport>(nameof(ValidationOrchestrator), input);
        progress.Validation = report;
        return report.Equal ? MigrationOutcome.Succeeded : MigrationOutcome.ValidationFailed;
    }
}
