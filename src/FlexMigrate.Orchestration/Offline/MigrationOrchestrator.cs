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
        var log = context.CreateReplaySafeLogger<MigrationOrchestrator>();
        using var scope = log.BeginMigrationScope(context.InstanceId);
        var cancel = new CancelSignal(context);
        var phaseStarted = context.CurrentUtcDateTime;
        void Enter(MigrationPhase phase)
        {
            if (phase != progress.Phase)
            {
                log.PhaseCompleted(context.InstanceId, progress.Phase.ToString(), (context.CurrentUtcDateTime - phaseStarted).TotalSeconds);
                phaseStarted = context.CurrentUtcDateTime;
            }

            progress.Phase = phase;
            context.SetCustomStatus(progress.Status(context.CurrentUtcDateTime));
            if (phase is not (MigrationPhase.Completed or MigrationPhase.Blocked))
            {
                cancel.ThrowIfRequested();
            }
        }

        try
        {
            var outcome = await MigrateAsync(context, input, progress, cancel, Enter);
            return await FinishAsync(context, progress, outcome, null);
        }
        catch (MigrationCancelledException e)
        {
            log.MigrationCancelled(context.InstanceId, progress.Phase.ToString(), e.Reason);
            return await FinishAsync(context, progress, MigrationOutcome.Cancelled, null);
        }
        catch (TaskFailedException e)
        {
            // An activity or the validation sub-orchestration failed: restore, leave the report artifact, fail with the error.
            var failure = e.FailureDetails.Innermost()?.ErrorMessage ?? e.Message;
            log.MigrationFailed(context.InstanceId, progress.Phase.ToString(), failure);
            await FinishAsync(context, progress, MigrationOutcome.Failed, failure);
            throw;
        }
    }

    private static async Task<MigrationOutcome> MigrateAsync(
        TaskOrchestrationContext context, MigrationRequest input, MigrationProgress progress, CancelSignal cancel, Action<MigrationPhase> enter)
    {
        enter(MigrationPhase.Precheck);
        var discovery = await AzureSteps.DiscoverAsync(context, input);
        if (!await PrecheckPassesAsync(context, input, discovery, progress))
        {
            enter(MigrationPhase.Blocked);
            return MigrationOutcome.PrecheckBlocked;
        }

        enter(MigrationPhase.Planning);
        var plan = await context.CallActivityAsync<MigrationPlan>(nameof(PlanMigrationActivity), input, RetryPolicies.Transient);
        var tables = await AzureSteps.TablesOfAsync(context, plan);
        progress.PlanTables(tables);
        progress.AddNotes(plan.Notes);

        // Azure changes for the load (SKU, parameters) go into progress before they are applied, so every exit restores them.
        progress.Azure = discovery is null ? null : AzureSteps.Plan(input, discovery);
        if (progress.Azure is { } azure)
        {
            enter(MigrationPhase.TuningAzure);
            await AzureSteps.ApplyAsync(context, azure);
        }

        enter(MigrationPhase.CreatingTables);
        progress.AddNotes(await context.CallActivityAsync<IReadOnlyList<MigrationNote>>(
            nameof(CreateTablesActivity), input, RetryPolicies.Transient));

        enter(MigrationPhase.PlanningChunks);
        var chunks = await PlanChunksAsync(context, input, tables, progress);

        enter(MigrationPhase.CopyingData);
        await CopyAsync(context, input, chunks, progress, cancel);

        enter(MigrationPhase.CreatingMetadata);
        foreach (var step in MetadataSteps)
        {
            progress.AddNotes(await context.CallActivityAsync<IReadOnlyList<MigrationNote>>(step, input, RetryPolicies.Transient));
        }

        AddArtifact(progress, await AzureSteps.WriteSchemaSnapshotAsync(context, input));
        var outcome = MigrationOutcome.Succeeded;
        if (input.Options.Validate)
        {
            enter(MigrationPhase.Validating);
            outcome = await ValidateAsync(context, input, progress);
        }

        enter(MigrationPhase.Completed);
        return outcome;
    }

    /// <summary>
    /// Every exit: restore the Azure changes (success, failure, cancel), write the migration report artifact, log the
    /// totals. Restores once: a report that already has restore outcomes is kept.
    /// </summary>
    private static async Task<MigrationReport> FinishAsync(
        TaskOrchestrationContext context, MigrationProgress progress, MigrationOutcome outcome, string? failure)
    {
        var log = context.CreateReplaySafeLogger<MigrationOrchestrator>();
        if (progress.Azure is { Changes.Count: > 0, Restores.Count: 0 } azure)
        {
            var phase = progress.Phase;
            progress.Phase = MigrationPhase.RestoringAzure;
            context.SetCustomStatus(progress.Status(context.CurrentUtcDateTime));
            progress.Azure = await AzureSteps.RestoreAsync(context, azure);
            progress.Phase = phase;
        }

        if (outcome == MigrationOutcome.Cancelled)
        {
            progress.Phase = MigrationPhase.Cancelled;
        }

        context.SetCustomStatus(progress.Status(context.CurrentUtcDateTime));
        var report = progress.Report(outcome, context.CurrentUtcDateTime) with { Failure = failure };
        AddArtifact(progress, await AzureSteps.WriteArtifactAsync(context, ArtifactKind.MigrationReport, report));
        log.MigrationEnded(context.InstanceId, outcome.ToString(), report.RowsCopied, report.BytesCopied,
            (report.FinishedUtc - report.StartedUtc).TotalSeconds, report.RowsPerSecond);
        return report;
    }

    private static void AddArtifact(MigrationProgress progress, ArtifactReference? artifact)
    {
        if (artifact is not null)
        {
            progress.Artifacts.Add(artifact);
        }
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

    private static async Task<bool> PrecheckPassesAsync(
        TaskOrchestrationContext context, MigrationRequest input, AzureDiscovery? discovery, MigrationProgress progress)
    {
        var precheck = await AzureSteps.PrecheckAsync(context, input, discovery);
        progress.Precheck = precheck;
        context.SetCustomStatus(progress.Status(context.CurrentUtcDateTime));
        AddArtifact(progress, await AzureSteps.WriteArtifactAsync(context, ArtifactKind.PrecheckReport, precheck));
        if (!precheck.HasErrors)
        {
            return true;
        }

        // --skip-precheck still runs the checks so the report records what was overridden.
        progress.PrecheckSkipped = input.Options.SkipPrecheck;
        return input.Options.SkipPrecheck;
    }

    private static async Task<List<ChunkStep>> PlanChunksAsync(
        TaskOrchestrationContext context, MigrationRequest input, IReadOnlyList<TableWork> tables, MigrationProgress progress)
    {
        var plans = await Task.WhenAll(tables.Select(t =>
            context.CallActivityAsync<IReadOnlyList<ChunkStep>>(nameof(PlanChunksActivity), new TableStep(input, t), RetryPolicies.Transient)));
        var all = new List<ChunkStep>();
        for (var i = 0; i < tables.Count; i++)
        {
            progress.PlanChunks(tables[i], plans[i].Count, context.CurrentUtcDateTime);
            all.AddRange(plans[i]);
        }

        return all;
    }

    /// <summary>
    /// Runs every chunk copy with at most <see cref="MigrationOptions.Parallelism"/> activities in flight, and
    /// queues a table's secondary-index build (in the same bounded pool) as soon as its last chunk lands.
    /// </summary>
    private static async Task CopyAsync(
        TaskOrchestrationContext context, MigrationRequest input, List<ChunkStep> chunks, MigrationProgress progress, CancelSignal cancel)
    {
        var log = context.CreateReplaySafeLogger<MigrationOrchestrator>();
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

            var finished = await Task.WhenAny(running.Select(r => r.Task).Append(cancel.Requested));
            if (finished == cancel.Requested)
            {
                await DrainAsync(running.Select(r => r.Task));
                cancel.ThrowIfRequested();
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

    private static async Task<MigrationOutcome> ValidateAsync(TaskOrchestrationContext context, MigrationRequest input, MigrationProgress progress)
    {
        var report = await context.CallSubOrchestratorAsync<ValidationReport>(nameof(ValidationOrchestrator), input);
        progress.Validation = report;
        AddArtifact(progress, await AzureSteps.WriteArtifactAsync(context, ArtifactKind.ValidationReport, report));
        return report.Equal ? MigrationOutcome.Succeeded : MigrationOutcome.ValidationFailed;
    }
}
