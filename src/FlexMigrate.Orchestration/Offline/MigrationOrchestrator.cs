using FlexMigrate.Core.Precheck;
using FlexMigrate.Core.Validation;
using FlexMigrate.Orchestration.Activities;
using FlexMigrate.Orchestration.Contracts;
using FlexMigrate.Orchestration.Validation;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Offline;

/// <summary>
/// The offline migration, read as a list of phases: precheck, plan, create tables (primary keys only), copy all
/// chunks with bounded parallelism (adding each table's secondary indexes as soon as its rows are in), metadata in
/// dependency order, validation, report.
/// Orchestrator code must be deterministic: no I/O, clocks or randomness here; all work is in activities and time
/// comes from <see cref="TaskOrchestrationContext.CurrentUtcDateTime"/>.
/// </summary>
public sealed class MigrationOrchestrator : TaskOrchestrator<MigrationRequest, MigrationReport>
{
    public override async Task<MigrationReport> RunAsync(TaskOrchestrationContext context, MigrationRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var progress = new MigrationProgress(context.CurrentUtcDateTime);
        void Enter(MigrationPhase phase)
        {
            progress.Phase = phase;
            context.SetCustomStatus(progress.Status(context.CurrentUtcDateTime));
        }

        Enter(MigrationPhase.Precheck);
        if (!await PrecheckPassesAsync(context, input, progress))
        {
            Enter(MigrationPhase.Blocked);
            return progress.Report(MigrationOutcome.PrecheckBlocked, context.CurrentUtcDateTime);
        }

        Enter(MigrationPhase.Planning);
        var plan = await context.CallActivityAsync<MigrationPlan>(nameof(PlanMigrationActivity), input, RetryPolicies.Transient);
        progress.PlanTables(plan.Tables);
        progress.AddNotes(plan.Notes);

        Enter(MigrationPhase.CreatingTables);
        progress.AddNotes(await context.CallActivityAsync<IReadOnlyList<MigrationNote>>(
            nameof(CreateTablesActivity), input, RetryPolicies.Transient));

        Enter(MigrationPhase.PlanningChunks);
        var chunks = await PlanChunksAsync(context, input, plan, progress);

        Enter(MigrationPhase.CopyingData);
        await CopyAsync(context, input, chunks, progress);

        Enter(MigrationPhase.CreatingMetadata);
        foreach (var step in MetadataSteps)
        {
            progress.AddNotes(await context.CallActivityAsync<IReadOnlyList<MigrationNote>>(step, input, RetryPolicies.Transient));
        }

        var outcome = MigrationOutcome.Succeeded;
        if (input.Options.Validate)
        {
            Enter(MigrationPhase.Validating);
            outcome = await ValidateAsync(context, input, progress);
        }

        Enter(MigrationPhase.Completed);
        return progress.Report(outcome, context.CurrentUtcDateTime);
    }

    /// <summary>
    /// Metadata after the data, in dependency order: routines before the views that call them, views before
    /// triggers and events that read them; triggers after the load so they never fire on copied rows; foreign keys
    /// last so the load needs no ordering between parent and child tables.
    /// </summary>
    private static readonly string[] MetadataSteps =
    [
        nameof(CreateRoutinesActivity),
        nameof(CreateViewsActivity),
        nameof(CreateTriggersActivity),
        nameof(CreateEventsActivity),
        nameof(AddForeignKeysActivity),
    ];

    private static async Task<bool> PrecheckPassesAsync(TaskOrchestrationContext context, MigrationRequest input, MigrationProgress progress)
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

    private static async Task<List<ChunkStep>> PlanChunksAsync(
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
    private static async Task CopyAsync(
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

    private static async Task<MigrationOutcome> ValidateAsync(TaskOrchestrationContext context, MigrationRequest input, MigrationProgress progress)
    {
        var report = await context.CallSubOrchestratorAsync<ValidationReport>(nameof(ValidationOrchestrator), input);
        progress.Validation = report;
        return report.Equal ? MigrationOutcome.Succeeded : MigrationOutcome.ValidationFailed;
    }
}
