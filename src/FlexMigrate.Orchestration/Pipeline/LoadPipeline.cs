using FlexMigrate.Azure.Storage;
using FlexMigrate.Core.Precheck;
using FlexMigrate.Core.Schema;
using FlexMigrate.Orchestration.Activities;
using FlexMigrate.Orchestration.Azure;
using FlexMigrate.Orchestration.Cancellation;
using FlexMigrate.Orchestration.Contracts;
using FlexMigrate.Orchestration.Control;
using FlexMigrate.Orchestration.Ledger;
using FlexMigrate.Orchestration.Logging;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Pipeline;

/// <summary>Where the load left the source, for replication (online) or nothing (offline, or a blocked precheck).</summary>
/// <param name="Blocked">The precheck found errors and --skip-precheck was not given: nothing was changed.</param>
/// <param name="Start">Online: P0, recorded before the schema was read; replay starts here.</param>
/// <param name="CopyEnd">Online: the source's position once every chunk was copied.</param>
internal sealed record LoadResult(bool Blocked, SourcePositionRecorded? Start = null, SourcePositionRecorded? CopyEnd = null);

/// <summary>
/// The load every migration runs, offline and online alike, read as its phases: precheck, plan, Azure tuning, tables
/// with primary keys only, chunk planning, the copy (each table's secondary indexes as soon as its rows are in), the
/// schema snapshot. Online adds its steps here and nowhere else: the source position P0 before the schema is read
/// (replaying from P0 repairs whatever the chunks, copied at different moments, missed), UNIQUE indexes left for the
/// catch-up (<see cref="AddIndexesActivity"/>), and the position where the copy ended. What follows the load is the
/// mode's own: metadata and validation (offline), replication and cutover (online).
/// Orchestrator code: deterministic, all work in activities.
/// </summary>
internal sealed class LoadPipeline
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

    private readonly MigrationProgress progress;
    private readonly MigrationSteps steps;

    /// <summary>The source schema the plan read and stored, handed to every later activity that needs it (null: they read it).</summary>
    private PayloadReference? catalog;

    /// <summary>The plan's table list when it travelled by reference: the copy groups read their tables from it.</summary>
    private PayloadReference? tablesReference;

    /// <summary>A migration's load, from its first phase; <paramref name="cancel"/> is the execution's one signal.</summary>
    public LoadPipeline(TaskOrchestrationContext context, MigrationRequest request, CancelSignal cancel)
    {
        progress = new MigrationProgress(context.CurrentUtcDateTime) { Control = new MigrationControl(context, request) };
        steps = new MigrationSteps(context, request, cancel, (MigrationPhase.Precheck, context.CurrentUtcDateTime),
            phase => progress.Status(phase, context.CurrentUtcDateTime), startsRun: true);
    }

    /// <summary>The phases and endings this load shares with the rest of the migration.</summary>
    public MigrationSteps Steps => steps;

    /// <summary>Live control of this execution (online: carried into replication through the state).</summary>
    public MigrationControl Control => progress.Control!;

    private MigrationRequest Request => steps.Request;

    /// <summary>
    /// Runs the load, then <paramref name="next"/> (the mode's own phases; null when the execution continues as new),
    /// and ends every way out like any migration: the Azure changes restored and the load's report (see
    /// <see cref="MigrationSteps.RunAsync"/>). A blocked precheck ends the migration right after the load's first phase.
    /// </summary>
    public Task<MigrationReport?> RunAsync(Func<LoadResult, Task<MigrationOutcome?>> next) => steps.RunAsync(
        async () => await LoadAsync() is { Blocked: false } load ? await next(load) : MigrationOutcome.PrecheckBlocked,
        async (outcome, _) =>
        {
            await RestoreAzureAsync();
            return Report(outcome);
        });

    private async Task<LoadResult> LoadAsync()
    {
        if (steps.Run?.ForwardAgainFrom is { } forwardAgain)
        {
            // After a rollback (issue 16): nothing is loaded again; replication forward starts from the rollback's position
            // if the old source still holds it. Checked before anything changes on either server.
            await steps.EnterAsync(MigrationPhase.Precheck);
            progress.Precheck = await steps.CallAsync<PrecheckReport>(nameof(CheckForwardAgainActivity),
                new ForwardAgainStep(Request, steps.MigrationId, forwardAgain));
            return new LoadResult(Blocked: progress.Precheck.HasErrors);
        }

        if (steps.Run?.Reverse is not null)
        {
            // Resumed past a forward cutover that went on replicating back (issue 16): nothing is loaded again, the
            // target is the primary; the online orchestrator goes straight back to reverse replication.
            return new LoadResult(Blocked: false);
        }

        await steps.EnterAsync(MigrationPhase.Precheck);
        var discovery = await steps.ObserveAsync(AzureSteps.DiscoverAsync(steps.Context, Request));
        if (!await PrecheckPassesAsync(discovery))
        {
            return new LoadResult(Blocked: true);
        }

        var start = steps.Online ? await StartPositionAsync() : null;

        await steps.EnterAsync(MigrationPhase.Planning);
        var plan = await PlanAsync();
        progress.PlanTables(plan.Tables);
        progress.AddNotes(plan.Notes);

        // Azure changes for the load (SKU, parameters) go into progress before they are applied, so every exit restores them.
        progress.Azure = discovery is null ? null : AzureSteps.Plan(Request, discovery);
        if (progress.Azure is { Changes.Count: > 0 } azure)
        {
            await steps.EnterAsync(MigrationPhase.TuningAzure);
            await steps.ObserveAsync(AzureSteps.ApplyAsync(steps.Context, azure));
        }

        await steps.EnterAsync(MigrationPhase.CreatingTables);
        catalog = plan.Catalog;
        progress.AddNotes(await steps.CallAsync<IReadOnlyList<MigrationNote>>(nameof(CreateTablesActivity), new SchemaStep(Request, catalog)));

        // Small tables are planned, copied and indexed in batches during the copy; the rest are planned here.
        await steps.EnterAsync(MigrationPhase.PlanningChunks);
        var chunkRows = Control.Settings.ChunkRows;
        var large = plan.Tables.Where(t => !SmallTableBatches.IsSmall(t, chunkRows)).ToList();
        var chunks = await PlanChunksAsync(large);

        // Online, AddIndexesActivity leaves UNIQUE indexes out: see ReplicationTurn.FinishCatchUpAsync.
        await steps.EnterAsync(MigrationPhase.CopyingData);
        tablesReference = plan.TablesReference;
        await CopyAsync(large, chunks, SmallTableBatches.Groups(plan.Tables, chunkRows, Request.Options.Parallelism), chunkRows);
        progress.AddArtifact(await steps.ObserveAsync(AzureSteps.WriteSchemaSnapshotAsync(steps.Context, Request, catalog)));

        var copyEnd = steps.Online ? await RecordPositionAsync() : null;
        return new LoadResult(Blocked: false, start, copyEnd);
    }

    /// <summary>Offline, after the load: routines, views, triggers, events and foreign keys, in that order.</summary>
    public async Task CreateMetadataAsync()
    {
        await steps.EnterAsync(MigrationPhase.CreatingMetadata);
        foreach (var step in MetadataSteps)
        {
            progress.AddNotes(await steps.CallAsync<IReadOnlyList<MigrationNote>>(step, new SchemaStep(Request, catalog)));
        }
    }

    /// <summary>Offline, after the metadata: accounts when asked (their grants name the tables and routines).</summary>
    public async Task MigrateUsersAsync()
    {
        if (Request.Users is null)
        {
            return;
        }

        await steps.EnterAsync(MigrationPhase.MigratingUsers);
        progress.AddNotes(await steps.CallAsync<IReadOnlyList<MigrationNote>>(nameof(MigrateUsersActivity), Request));
    }

    /// <summary>Validation (see <see cref="MigrationSteps.ValidateAsync"/>) into the progress: its report and artifact.</summary>
    public async Task<MigrationOutcome> ValidateAsync()
    {
        await steps.EnterAsync(MigrationPhase.Validating);
        var (report, artifact) = await steps.ValidateAsync();
        progress.Validation = report;
        progress.AddArtifact(artifact);
        return report.Equal ? MigrationOutcome.Succeeded : MigrationOutcome.ValidationFailed;
    }

    /// <summary>
    /// Restores the Azure changes of the load once (success, failure, cancel; online right after the copy, since
    /// replication's load is the source's write rate). A report that already has its restore outcomes is kept.
    /// </summary>
    public async Task RestoreAzureAsync()
    {
        if (progress.Azure is { Changes.Count: > 0, Restores.Count: 0 } azure)
        {
            await steps.EnterAsync(MigrationPhase.RestoringAzure);
            progress.Azure = await AzureSteps.RestoreAsync(steps.Context, azure);
        }
    }

    /// <summary>The report of the load as it ends (restore first: it records the Azure restore outcomes).</summary>
    public MigrationReport Report(MigrationOutcome outcome) => progress.Report(outcome, steps.Context.CurrentUtcDateTime);

    /// <summary>The precheck (with the Azure servers' parameters and findings when discovered), saved as precheck-report.json.</summary>
    private async Task<bool> PrecheckPassesAsync(AzureDiscovery? discovery)
    {
        var precheck = await steps.ObserveAsync(AzureSteps.PrecheckAsync(steps.Context, Request, discovery));
        progress.Precheck = precheck;
        steps.Publish();
        progress.AddArtifact(await steps.ObserveAsync(AzureSteps.WriteArtifactAsync(steps.Context, ArtifactKind.PrecheckReport, precheck)));
        if (!precheck.HasErrors)
        {
            return true;
        }

        // --skip-precheck still runs the checks so the report records what was overridden.
        progress.PrecheckSkipped = Request.Options.SkipPrecheck;
        return Request.Options.SkipPrecheck;
    }

    /// <summary>
    /// Online: P0, recorded in the ledger the first time. A resumed run replays from the first run's P0 (the applier
    /// then continues from the migration's checkpoint when it is later): its chunks were copied after it, so replay
    /// from there repairs whatever they missed, as in one run.
    /// </summary>
    private async Task<SourcePositionRecorded> StartPositionAsync()
    {
        if (steps.Run?.StartPosition is { } recorded)
        {
            return recorded;
        }

        var start = await RecordPositionAsync();
        await steps.CallAsync<bool>(nameof(RecordStepActivity),
            new LedgerStep(steps.Ledger, Core.Ledger.LedgerSteps.StartPosition, System.Text.Json.JsonSerializer.Serialize(start)));
        return start;
    }

    /// <summary>Online: the source's binlog end (P0 before the schema is read, the copy's end after the copy).</summary>
    private async Task<SourcePositionRecorded> RecordPositionAsync()
    {
        await steps.EnterAsync(MigrationPhase.RecordingPosition);
        return await steps.CallAsync<SourcePositionRecorded>(nameof(RecordSourcePositionActivity), Request);
    }

    /// <summary>The plan; a table list that travelled by reference is read back in pages, so Tables is always filled.</summary>
    private async Task<MigrationPlan> PlanAsync()
    {
        var plan = await steps.CallAsync<MigrationPlan>(nameof(PlanMigrationActivity), Request);
        return plan.TablesReference is null ? plan : plan with { Tables = await steps.ObserveAsync(AzureSteps.TablesOfAsync(steps.Context, plan)) };
    }

    /// <summary>
    /// Plans every table's chunks through the same bounded pool as the copy (at most --parallelism at once: each
    /// planner may walk a whole key on the source). Returns the chunk steps in plan order (largest tables first),
    /// without the chunks the ledger holds as copied by an earlier run (a resume copies only the rest).
    /// </summary>
    private async Task<List<(TableWork Table, ChunkStep Chunk)>> PlanChunksAsync(IReadOnlyList<TableWork> tables)
    {
        var planned = new TableChunks[tables.Count];
        var pool = new ActivityPool(Request.Options.Parallelism, steps.Cancel, Control);
        for (var i = 0; i < tables.Count; i++)
        {
            var index = i;
            pool.Add(async () =>
            {
                var table = tables[index];
                planned[index] = await steps.ActivityAsync<TableChunks>(nameof(PlanChunksActivity),
                    new PlanChunksStep(Request.SourceConnection, table, Control.Settings.ChunkRows, steps.Ledger, catalog));
                progress.PlanChunks(table, planned[index].Chunks.Count, planned[index].Copied?.Count ?? 0, steps.Context.CurrentUtcDateTime);
            });
        }

        await pool.RunAsync(steps.Publish);
        return [.. tables.SelectMany((table, i) => ChunkStepsOf(table, planned[i]))];
    }

    /// <summary>The chunk steps of a planned table, without the chunks the ledger holds as copied by an earlier run.</summary>
    private IEnumerable<(TableWork Table, ChunkStep Chunk)> ChunkStepsOf(TableWork table, TableChunks planned) => planned.Chunks
        .Where(chunk => planned.Copied?.Contains(chunk.Index) != true)
        .Select(chunk => (table, new ChunkStep(Request.SourceConnection, Request.TargetConnection, planned.Spec, chunk, steps.MigrationId)));

    /// <summary>
    /// Copies every chunk with at most <see cref="MigrationOptions.Parallelism"/> activities in flight, and queues a
    /// table's secondary-index build (in the same pool, ahead of the queued chunks) as soon as its last chunk lands.
    /// Each chunk carries the throttle conditions in force when it is handed out; one a throttle condition deferred
    /// goes back to the head of the queue. The small tables' groups share the pool, after the large tables' chunks
    /// (largest first, so the long tail is not a big table started last); each group is a sub-orchestration running one
    /// batch at a time, so the pool's limit is still the number of activities in flight.
    /// </summary>
    private async Task CopyAsync(IReadOnlyList<TableWork> tables, List<(TableWork Table, ChunkStep Chunk)> chunks,
        IReadOnlyList<SmallTableGroup> groups, long chunkRows)
    {
        var pool = new ActivityPool(Request.Options.Parallelism, steps.Cancel, Control);
        // A resumed run: tables whose every chunk an earlier run copied only need their indexes (added when missing).
        foreach (var table in tables.Where(progress.TableCopied))
        {
            pool.Add(() => AddIndexesAsync(table));
        }

        QueueChunks(pool, chunks);
        for (var i = 0; i < groups.Count; i++)
        {
            pool.Add(CopyGroupAsync(pool, i, groups[i], chunkRows));
        }

        await pool.RunAsync(steps.Publish);
    }

    /// <summary>
    /// One group of small tables as a sub-orchestration (<see cref="CopyGroupOrchestrator"/>) under an id derived from
    /// this instance's and the group's index (a replay finds it in history and never starts a second copy). It gets the
    /// control commands that arrive while it runs and a cancel that arrives while it runs. A table handed back with
    /// several chunks (the plan's estimate was stale) has its chunks queued like a large table's.
    /// </summary>
    private Func<Task> CopyGroupAsync(ActivityPool pool, int index, SmallTableGroup group, long chunkRows) => async () =>
    {
        var id = $"{steps.Context.InstanceId}-copy-{index}";
        var step = new CopyGroupStep(new SmallTablesStep(Request.SourceConnection, Request.TargetConnection,
                tablesReference is null ? group.Tables : [], chunkRows, SchemaSteps.Options(Request),
                IncludeUnique: !steps.Online, steps.MigrationId, Run: steps.Run?.Run, Catalog: catalog),
            tablesReference, group.Skip, group.Take, Control.Status());
        var copied = await RunGroupAsync<CopyGroupCopied>(nameof(CopyGroupOrchestrator), id, step);
        Control.Observe(copied.Throttle);
        progress.AddNotes(copied.Notes);
        var now = steps.Context.CurrentUtcDateTime;
        var handedBack = copied.HandedBack.ToDictionary(h => h.Index, h => h.Chunks);
        for (var i = 0; i < group.Tables.Count; i++)
        {
            var table = group.Tables[i];
            if (handedBack.TryGetValue(i, out var chunks))
            {
                progress.PlanChunks(table, chunks.Chunks.Count, chunks.Copied?.Count ?? 0, now);
                foreach (var (_, chunk) in ChunkStepsOf(table, chunks))
                {
                    pool.AddFirst(CopyChunkAsync(pool, table, chunk));
                }

                if (progress.TableCopied(table))
                {
                    pool.AddFirst(() => AddIndexesAsync(table));
                }
            }
            else
            {
                progress.SmallTableCopied(table, new ChunkCopied(copied.Rows[i], copied.Bytes[i], copied.Milliseconds[i]), now);
            }
        }
    };

    /// <summary>
    /// Queues the large tables' chunks: each its own activity, or, in a migration of more than
    /// <see cref="ChunkGroups.InlineChunks"/> chunks, each table's cut into groups copied by sub-orchestrations
    /// (<see cref="ChunkGroupOrchestrator"/>) so this instance's history grows by a group, not by a chunk.
    /// </summary>
    private void QueueChunks(ActivityPool pool, List<(TableWork Table, ChunkStep Chunk)> chunks)
    {
        if (!ChunkGroups.Grouped(chunks.Count))
        {
            foreach (var (table, chunk) in chunks)
            {
                pool.Add(CopyChunkAsync(pool, table, chunk));
            }

            return;
        }

        var index = 0;
        foreach (var table in chunks.GroupBy(c => c.Table))
        {
            var template = table.First().Chunk;
            foreach (var run in ChunkGroups.Cut([.. table.Select(c => c.Chunk.Chunk)], Request.Options.Parallelism))
            {
                pool.Add(CopyChunkGroupAsync(pool, table.Key, template, run, index++));
            }
        }
    }

    private Func<Task> CopyChunkAsync(ActivityPool pool, TableWork table, ChunkStep chunk) => async () =>
    {
        progress.ChunkStarted(table, steps.Context.CurrentUtcDateTime);
        var copied = await steps.ActivityAsync<ChunkCopied>(nameof(CopyChunkActivity), chunk with { Throttle = Control.UnitThrottle });
        progress.ChunkDone(table, copied, steps.Context.CurrentUtcDateTime);
        if (copied.Deferred)
        {
            pool.AddFirst(CopyChunkAsync(pool, table, chunk));
        }
        else
        {
            IndexWhenCopied(pool, table);
        }
    };

    /// <summary>
    /// A run of one table's chunks as a sub-orchestration under an id derived from this instance's and the group's
    /// index (a replay finds it in history and never starts a second copy); control commands and a cancel that arrive
    /// while it runs are forwarded to it, as to a group of small tables.
    /// </summary>
    private Func<Task> CopyChunkGroupAsync(ActivityPool pool, TableWork table, ChunkStep template, IReadOnlyList<Core.Copy.CopyChunk> run,
        int index) => async () =>
    {
        var id = $"{steps.Context.InstanceId}-chunks-{index}";
        var step = new ChunkGroupStep(template.SourceConnection, template.TargetConnection, template.Spec, run, template.MigrationId,
            Control.Status());
        progress.ChunkStarted(table, steps.Context.CurrentUtcDateTime);
        var copied = await RunGroupAsync<ChunkGroupCopied>(nameof(ChunkGroupOrchestrator), id, step);
        progress.ChunkGroupDone(table, copied, steps.Context.CurrentUtcDateTime);
        IndexWhenCopied(pool, table);
    };

    /// <summary>
    /// A group of the copy (small tables or a large table's chunks) as a sub-orchestration under <paramref name="id"/>:
    /// the control commands that arrive while it runs are forwarded to it, and so is a cancel.
    /// </summary>
    private async Task<T> RunGroupAsync<T>(string orchestrator, string id, object input)
    {
        Control.Follow(id);
        try
        {
            return await steps.Cancel.CallSubOrchestratorAsync<T>(orchestrator, id, input);
        }
        finally
        {
            Control.Unfollow(id);
        }
    }

    /// <summary>Once a table's last chunk is in: its per-table metrics logged and its secondary indexes queued ahead of the chunks.</summary>
    private void IndexWhenCopied(ActivityPool pool, TableWork table)
    {
        if (!progress.TableCopied(table))
        {
            return;
        }

        var report = progress.TableReportOf(table);
        steps.Context.CreateReplaySafeLogger(nameof(LoadPipeline)).TableCopied(steps.Context.InstanceId, report.Table, report.Rows, report.Bytes, report.Seconds, report.RowsPerSecond);
        pool.AddFirst(() => AddIndexesAsync(table));
    }

    private async Task AddIndexesAsync(TableWork table)
    {
        progress.AddNotes(await steps.ActivityAsync<IReadOnlyList<MigrationNote>>(nameof(AddIndexesActivity), new TableStep(Request, table, catalog)));
        progress.IndexesAdded(table);
    }
}
