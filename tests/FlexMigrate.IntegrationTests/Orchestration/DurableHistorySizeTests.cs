using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using DurableTask.Core;
using DurableTask.Core.History;
using FlexMigrate.Cli.Hosting;
using FlexMigrate.Core.Replication;
using FlexMigrate.Core.Validation;
using FlexMigrate.IntegrationTests.Infrastructure;
using FlexMigrate.Orchestration;
using FlexMigrate.Orchestration.Activities;
using FlexMigrate.Orchestration.Azure;
using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using FlexMigrate.Orchestration.Offline;
using FlexMigrate.Orchestration.Online;
using FlexMigrate.Orchestration.Pipeline;
using FlexMigrate.Orchestration.Validation;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace FlexMigrate.IntegrationTests.Orchestration;

/// <summary>
/// Durable history is what every replay of the orchestrator reads back and what the Azure Storage backend stores per
/// event: it must grow with the number of chunks by a few hundred bytes each (names and key bounds), not by the whole
/// request and table spec. Measured on a 1,000-chunk offline migration of a 21-column table, on the CLI's engine set-up
/// (in-process engine, in-memory payload store), with the engine's own record of the history (figures in
/// docs/architecture.md):
/// <c>scripts/test.sh --filter FullyQualifiedName~DurableHistorySize --logger "console;verbosity=detailed"</c>.
/// </summary>
[Collection(ScaleCollection.Name)]
public sealed class DurableHistorySizeTests(ITestOutputHelper output)
{
    private const string Db = "fm_history_size";
    private const string ManyDb = "fm_history_tables";
    private const string OnlineDb = "fm_history_online";
    private const string ValidateDb = "fm_history_validate";

    /// <summary>
    /// A thousand chunks of one table (issue 20): above <see cref="ChunkGroups.InlineChunks"/> chunks the large tables'
    /// chunks are copied by groups of at most <see cref="ChunkGroups.MaxGroupChunks"/>, each a sub-orchestration, so
    /// the parent's history grows by a group, not by a chunk, and a group's is bounded whatever the table's size. A
    /// chunk's own payload (by names and bounds, the spec by reference when wide) stays a few hundred bytes.
    /// </summary>
    [Fact]
    public async Task A_thousand_chunk_migration_keeps_its_history_small()
    {
        await ServerPair.ResetDatabasesAsync(Db);
        await ServerPair.ExecSourceAsync($"""
            CREATE DATABASE `{Db}`; USE `{Db}`;
            CREATE TABLE wide (id INT NOT NULL PRIMARY KEY, {string.Join(", ", Enumerable.Range(1, 20).Select(i => $"column_number_{i:00} VARCHAR(20) NULL"))});
            INSERT INTO wide (id) SELECT seq FROM seq_1_to_20000;
            ANALYZE TABLE wide;
            """);
        var recorder = new HistoryRecordingService();
        var (report, events, seconds, parent) = await MigrateAsync(
            InProcessMigration.Request([Db], new MigrationOptions(Parallelism: 8, ChunkRows: 20, Validate: false, SkipPrecheck: true)), recorder);
        var groups = recorder.Instances.Where(i => i.StartsWith(parent + "-chunks-", StringComparison.Ordinal)).ToList();
        var all = events.Concat(groups.SelectMany(recorder.HistoryOf)).ToList();
        var chunks = report.Tables.Sum(t => t.Chunks);
        var chunkPayloads = all.OfType<TaskScheduledEvent>().Where(e => e.Name == nameof(CopyChunkActivity)).Select(PayloadBytes).ToList();
        var groupEvents = groups.Select(g => recorder.HistoryOf(g).Count).DefaultIfEmpty().ToList();
        output.WriteLine($"chunks={chunks} groups={groups.Count} seconds={seconds:F1} parent: events={events.Count} history_bytes={events.Sum(Bytes)}; " +
            $"largest group: events={groupEvents.Max()} history_bytes={groups.Select(g => recorder.HistoryOf(g).Sum(Bytes)).DefaultIfEmpty().Max()}; " +
            $"chunk payload bytes: average={chunkPayloads.DefaultIfEmpty().Average():F0} max={chunkPayloads.DefaultIfEmpty().Max()}");

        Assert.Equal(MigrationOutcome.Succeeded, report.Outcome);
        Assert.Equal(20_000, report.RowsCopied);
        Assert.InRange(chunks, 900, 1100);
        // Every chunk copied once, by a group: none scheduled by the parent.
        Assert.Equal(chunks, chunkPayloads.Count);
        Assert.DoesNotContain(events, e => e is TaskScheduledEvent { Name: nameof(CopyChunkActivity) });
        Assert.Equal((chunks + ChunkGroups.MaxGroupChunks - 1) / ChunkGroups.MaxGroupChunks, groups.Count);
        Assert.True(chunkPayloads.Max() < 800, $"{chunkPayloads.Max()} payload bytes in a chunk's input");
        // The parent: its phases and two events a group (was ~2.6 events a chunk); a group: one turn of four events a
        // chunk, at most 100 chunks. The parent's bytes still hold each chunk's bounds twice (the plan's result and
        // the groups' inputs), a few hundred bytes a chunk in events that are not multiplied by the chunk count.
        Assert.True(events.Count < 150, $"{events.Count} history events in the parent for {chunks} chunks");
        Assert.True(groupEvents.Max() <= 4 * ChunkGroups.MaxGroupChunks + 30, $"{groupEvents.Max()} history events in the largest group");
        Assert.True(events.Sum(Bytes) / chunks < 1_000, $"{events.Sum(Bytes) / chunks} parent history bytes a chunk");
    }

    /// <summary>
    /// 1,000 five-row tables (issue 20): the small tables are copied by groups of at most 500 tables, each a
    /// sub-orchestration of its own, so the history is bounded PER INSTANCE: the parent holds the plan's table pages,
    /// one small summary per group and the report, no batch of tables; each group holds its own batches. Prints each
    /// instance's events and bytes and the orchestrator's turns (each replays that instance's history): their count,
    /// total and longest time. FLEXMIGRATE_HISTORY_TABLES=10000 measures the same at another table count
    /// (docs/benchmarks.md "Durable history per 1,000 tables").
    /// </summary>
    [Fact]
    public async Task A_thousand_table_migration_keeps_its_history_small()
    {
        var tables = int.TryParse(Environment.GetEnvironmentVariable("FLEXMIGRATE_HISTORY_TABLES"), CultureInfo.InvariantCulture, out var n) ? n : 1_000;
        await CreateFiveRowTablesAsync(ManyDb, tables, "KEY");
        var recorder = new HistoryRecordingService();
        // FLEXMIGRATE_HISTORY_VALIDATE=1 also validates, to print the validation sub-orchestration's history.
        var validate = Environment.GetEnvironmentVariable("FLEXMIGRATE_HISTORY_VALIDATE") == "1";
        var (report, events, seconds, parent) = await MigrateAsync(
            InProcessMigration.Request([ManyDb], new MigrationOptions(Parallelism: 4, Validate: validate, SkipPrecheck: true)), recorder,
            TimeSpan.FromMinutes(10 * Math.Max(1, tables / 1_000)));
        var groups = recorder.Instances.Where(i => i.StartsWith(parent + "-copy-", StringComparison.Ordinal)).ToList();
        var parentBytes = events.Sum(Bytes);
        var groupBytes = groups.Select(g => recorder.HistoryOf(g).Sum(Bytes)).DefaultIfEmpty().ToList();
        var groupEvents = groups.Select(g => recorder.HistoryOf(g).Count).DefaultIfEmpty().ToList();
        var parentTurns = recorder.TurnsOf(parent);
        var groupTurns = groups.SelectMany(recorder.TurnsOf).ToList();
        output.WriteLine($"tables={tables} seconds={seconds:F1} groups={groups.Count}");
        output.WriteLine($"parent: events={events.Count} history_bytes={parentBytes} history_bytes_per_table={parentBytes / tables} " +
            $"turns={parentTurns.Count} turn_seconds_total={parentTurns.Sum(t => t.TotalSeconds):F2} turn_seconds_longest={parentTurns.DefaultIfEmpty().Max().TotalSeconds:F3}");
        output.WriteLine($"largest group: events={groupEvents.Max()} history_bytes={groupBytes.Max()}; all groups: history_bytes={groupBytes.Sum()} " +
            $"turns={groupTurns.Count} turn_seconds_total={groupTurns.Sum(t => t.TotalSeconds):F2} turn_seconds_longest={groupTurns.DefaultIfEmpty().Max().TotalSeconds:F3}");
        foreach (var kind in events.GroupBy(e => e is TaskScheduledEvent s ? $"scheduled {s.Name}" : e.EventType.ToString())
            .Select(g => (g.Key, Count: g.Count(), Bytes: g.Sum(Bytes)))
            .OrderByDescending(k => k.Bytes).Take(8))
        {
            output.WriteLine($"  parent {kind.Key}: {kind.Count} events, {kind.Bytes} bytes");
        }

        if (recorder.Instances.FirstOrDefault(i => i == parent + "-validation") is { } validation)
        {
            var history = recorder.HistoryOf(validation);
            output.WriteLine($"validation: events={history.Count} history_bytes={history.Sum(Bytes)} history_bytes_per_table={history.Sum(Bytes) / tables}");
        }

        Assert.Equal(MigrationOutcome.Succeeded, report.Outcome);
        Assert.Equal(5L * tables, report.RowsCopied);
        Assert.Equal((long)tables, Convert.ToInt64(await ServerPair.ScalarAsync(ServerPair.TargetConnectionString,
            $"SELECT COUNT(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = '{ManyDb}' AND INDEX_NAME = 'k'"), CultureInfo.InvariantCulture));
        if (validate)
        {
            return;
        }

        // Groups of at most 500 tables, about four per slot: 16 at 1,000 tables and --parallelism 4, 20 at 10,000.
        Assert.Equal(Math.Max(16, (tables + 499) / 500), groups.Count);
        // The parent: the phases' own events, two per page of 500 table entries and per group; no batch of tables.
        Assert.True(events.Count < 150 + tables / 50, $"{events.Count} history events in the parent for {tables} tables");
        Assert.DoesNotContain(events, e => e is TaskScheduledEvent { Name: nameof(CopySmallTablesActivity) });
        // A group: at most 500 tables, two events per batch of at most 100 and per page: bounded whatever the table count.
        Assert.True(groupEvents.Max() < 60, $"{groupEvents.Max()} history events in the largest group");
        Assert.True(groupBytes.Max() < 600_000, $"{groupBytes.Max()} history bytes in the largest group");
        // What the copy adds to the parent is a start and a summary per group, a few dozen bytes a table.
        var groupEventBytes = events.Where(e => e is SubOrchestrationInstanceCreatedEvent or SubOrchestrationInstanceCompletedEvent).Sum(Bytes);
        Assert.True(groupEventBytes / tables < 100, $"{groupEventBytes / tables} bytes a table of group starts and summaries in the parent");
        // What the parent still carries per table: the plan's table list (its pages, ~120 B) and the report's table
        // lines (~180 B), the report twice (the orchestration's output and its artifact), written as it ends.
        Assert.True(parentBytes / tables < 900, $"{parentBytes / tables} history bytes per table in the parent");
    }

    /// <summary>
    /// Online with cutover on 1,000 five-row tables (issue 20; FLEXMIGRATE_HISTORY_TABLES for another count): the
    /// replication loop's generations stay small whatever the table count. At 10,000 tables the loop carried the load's
    /// report (a line per table) in every ContinueAsNew input and added every table's UNIQUE indexes by an activity of its
    /// own in one generation, whose 10,000 completions each replayed that input: the catch-up never ended. Now a turn's
    /// input is the state with a summary of the report (the report by reference), the status is built from it, the
    /// catch-up works in batches of tables, and the final report still holds every table's line.
    /// </summary>
    [Fact]
    public async Task An_online_migration_keeps_each_replication_generation_small()
    {
        var tables = int.TryParse(Environment.GetEnvironmentVariable("FLEXMIGRATE_HISTORY_TABLES"), CultureInfo.InvariantCulture, out var n) ? n : 1_000;
        await CreateFiveRowTablesAsync(OnlineDb, tables, "UNIQUE KEY");
        var recorder = new HistoryRecordingService();
        using var host = await StartEngineAsync(recorder);
        var client = host.Services.GetRequiredService<DurableTaskClient>();
        var started = DateTime.UtcNow;
        var request = InProcessMigration.Request([OnlineDb], new MigrationOptions(Parallelism: 4, Validate: false, SkipPrecheck: true, Mode: MigrationMode.Online));
        var id = await client.ScheduleNewOrchestrationInstanceAsync(nameof(OnlineMigrationOrchestrator), new OnlineMigrationInput(request));
        var limit = TimeSpan.FromMinutes(10 * Math.Max(1, tables / 1_000));
        var caughtUp = await MigrationStatusWaiter.WaitAsync(client, id, s => s.Replication is { CaughtUp: true }, limit, TimeSpan.FromMilliseconds(200));
        var status = await client.GetInstanceAsync(id, getInputsAndOutputs: true);
        // Confirmed: the test stops no writes, and the source is not left read-only for the tests that follow.
        await client.RaiseEventAsync(id, OnlineMigrationOrchestrator.CutoverEvent, new CutoverRequest(StopWritesMode.Confirmed, 120, "test"));
        using var timeout = new CancellationTokenSource(limit);
        var report = InProcessMigration.ReportOf(await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token));
        var seconds = (DateTime.UtcNow - started).TotalSeconds;
        await host.StopAsync();

        var generations = recorder.ExecutionsOf(id);
        var replication = generations.Skip(1).ToList();
        var inputs = replication.Select(g => PayloadBytes(g.OfType<ExecutionStartedEvent>().Single())).ToList();
        var statusBytes = Encoding.UTF8.GetByteCount(status?.SerializedCustomStatus ?? "");
        output.WriteLine($"tables={tables} seconds={seconds:F1} generations={generations.Count} load: events={generations[0].Count} " +
            $"history_bytes={generations[0].Sum(Bytes)}; replication generations: largest events={replication.Max(g => g.Count)} " +
            $"largest history_bytes={replication.Max(g => g.Sum(Bytes))} largest input_bytes={inputs.Max()}; status_bytes={statusBytes}; " +
            $"turns={recorder.TurnsOf(id).Count} turn_seconds_total={recorder.TurnsOf(id).Sum(t => t.TotalSeconds):F2}");

        Assert.Equal(MigrationOutcome.Succeeded, report.Outcome);
        Assert.Equal(tables, caughtUp.TablesTotal);
        Assert.Equal(5L * tables, report.RowsCopied);
        Assert.Equal(tables, report.Tables.Count);
        Assert.Equal((long)tables, Convert.ToInt64(await ServerPair.ScalarAsync(ServerPair.TargetConnectionString,
            $"SELECT COUNT(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = '{OnlineDb}' AND INDEX_NAME = 'k' AND NON_UNIQUE = 0"), CultureInfo.InvariantCulture));
        // A turn's input and status: the positions, totals, lag samples and the load's summary, not its table lines.
        Assert.True(inputs.Max() < 20_000, $"{inputs.Max()} bytes of ContinueAsNew input in a replication generation");
        Assert.True(statusBytes < 10_000, $"{statusBytes} bytes of status while replicating");
        // The catch-up's generation: the unique keys in batches of at most 100 tables, two events each.
        var batches = (tables + SmallTableBatches.MaxTables - 1) / SmallTableBatches.MaxTables;
        Assert.True(replication.Max(g => g.Count) < 100 + 4 * Math.Max(16, batches), $"{replication.Max(g => g.Count)} events in a replication generation");
        // A thousand tables on the shared test servers slow every information_schema read of the tests that follow.
        await ServerPair.ResetDatabasesAsync(OnlineDb);
    }

    /// <summary>
    /// Validation of 1,000 five-row tables (issue 20; FLEXMIGRATE_HISTORY_TABLES for another count) keeps every
    /// instance's history bounded: the validation instance holds the stored table list's reference, a start and a summary
    /// per group of at most 500 tables and the joined report; each group its page reads, batches of at most 100 tables
    /// and its stored results' reference. Before, the validation instance held every batch's table names and per-table
    /// results (~1 KB a table), and the report's every line and finding must still be there.
    /// </summary>
    [Fact]
    public async Task A_thousand_table_validation_keeps_each_instance_small()
    {
        var tables = int.TryParse(Environment.GetEnvironmentVariable("FLEXMIGRATE_HISTORY_TABLES"), CultureInfo.InvariantCulture, out var n) ? n : 1_000;
        await CreateFiveRowTablesAsync(ValidateDb, tables, "KEY", onTarget: true);
        // One table differs, so a finding has to make it through a group's stored results into the report.
        await ServerPair.ExecTargetAsync($"UPDATE `{ValidateDb}`.t00007 SET k = 70 WHERE id = 3");
        var recorder = new HistoryRecordingService();
        using var host = await StartEngineAsync(recorder);
        var client = host.Services.GetRequiredService<DurableTaskClient>();
        var started = DateTime.UtcNow;
        var id = await client.ScheduleNewOrchestrationInstanceAsync(nameof(ValidationOrchestrator),
            InProcessMigration.Request([ValidateDb], new MigrationOptions(Parallelism: 4, SkipPrecheck: true)));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10 * Math.Max(1, tables / 1_000)));
        var done = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
        var seconds = (DateTime.UtcNow - started).TotalSeconds;
        await host.StopAsync();

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var report = done.ReadOutputAs<ValidationReport>()!;
        var events = recorder.HistoryOf(id);
        var groups = recorder.Instances.Where(i => i.StartsWith(id + "-tables-", StringComparison.Ordinal)).ToList();
        var join = events.OfType<TaskScheduledEvent>().Single(e => e.Name == nameof(JoinValidationActivity)).EventId;
        // The report itself: the join's result and the orchestration's output, a line per table, as before.
        var reportBytes = events.Where(e => e is TaskCompletedEvent c && c.TaskScheduledId == join || e is ExecutionCompletedEvent).Sum(Bytes);
        var parentBytes = events.Sum(Bytes) - reportBytes;
        var groupEvents = groups.Select(g => recorder.HistoryOf(g).Count).ToList();
        var groupBytes = groups.Select(g => recorder.HistoryOf(g).Sum(Bytes)).ToList();
        output.WriteLine($"tables={tables} seconds={seconds:F1} groups={groups.Count} validation: events={events.Count} history_bytes={parentBytes} " +
            $"(without the report's {reportBytes}) history_bytes_per_table={parentBytes / tables}; largest group: events={groupEvents.Max()} history_bytes={groupBytes.Max()}");

        Assert.False(report.Equal);
        Assert.Equal(tables, report.Tables.Count);
        Assert.Equal(5L * tables, report.RowsCompared);
        var different = Assert.Single(report.Tables, t => t.Status != TableStatus.Equal);
        Assert.Equal(("t00007", 1L), (different.Table, different.Changed.Total));
        // Groups of at most 500 tables, about four per slot: 16 at 1,000 tables and --parallelism 4, 20 at 10,000.
        Assert.Equal(Math.Max(16, (tables + 499) / 500), groups.Count);
        Assert.DoesNotContain(events, e => e is TaskScheduledEvent { Name: nameof(ValidateTablesActivity) or nameof(ValidateTableActivity) });
        // The validation instance: a start and a summary per group, no table names or results (~1 KB a table before).
        Assert.True(parentBytes / tables < 60, $"{parentBytes / tables} history bytes per table in the validation instance");
        // A group: its pages, batches of at most 100 tables and the store of its results, bounded whatever the table count.
        Assert.True(groupEvents.Max() < 40, $"{groupEvents.Max()} history events in the largest group");
        Assert.True(groupBytes.Max() < 600_000, $"{groupBytes.Max()} history bytes in the largest group");
        await ServerPair.ResetDatabasesAsync(ValidateDb);
    }

    /// <summary>
    /// <paramref name="tables"/> five-row tables in a new <paramref name="database"/>, each with one secondary index of
    /// <paramref name="keyKind"/>; the same on the target too when <paramref name="onTarget"/>.
    /// </summary>
    private static async Task CreateFiveRowTablesAsync(string database, int tables, string keyKind, bool onTarget = false)
    {
        await ServerPair.ResetDatabasesAsync(database);
        var sql = $"CREATE DATABASE `{database}`; USE `{database}`; " + string.Concat(Enumerable.Range(1, tables).Select(i =>
            $"CREATE TABLE t{i:D5} (id INT NOT NULL PRIMARY KEY, k INT NOT NULL, {keyKind} k (k)); INSERT INTO t{i:D5} VALUES (1,1),(2,2),(3,3),(4,4),(5,5);"));
        await ServerPair.ExecSourceAsync(sql);
        if (onTarget)
        {
            await ServerPair.ExecTargetAsync(sql);
        }
    }

    /// <summary>Runs <paramref name="request"/> to its end on the recording engine: its report, its history, its wall time and its instance id.</summary>
    private static async Task<(MigrationReport Report, IReadOnlyList<HistoryEvent> Events, double Seconds, string Id)> MigrateAsync(
        MigrationRequest request, HistoryRecordingService? recorder = null, TimeSpan? limit = null)
    {
        recorder ??= new HistoryRecordingService();
        using var host = await StartEngineAsync(recorder);
        var client = host.Services.GetRequiredService<DurableTaskClient>();
        var started = DateTime.UtcNow;
        var id = await client.ScheduleNewOrchestrationInstanceAsync(nameof(MigrationOrchestrator), request);
        using var timeout = new CancellationTokenSource(limit ?? TimeSpan.FromMinutes(10));
        var report = InProcessMigration.ReportOf(await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token));
        var seconds = (DateTime.UtcNow - started).TotalSeconds;
        await host.StopAsync();
        return (report, recorder.HistoryOf(id), seconds, id);
    }

    /// <summary>An event's size as the engine serializes it.</summary>
    private static long Bytes(HistoryEvent e) => JsonSerializer.SerializeToUtf8Bytes(e, e.GetType()).Length;

    /// <summary>The CLI's engine (see EmbeddedDurableEngine) with the orchestration service replaced by a recording one.</summary>
    private static async Task<IHost> StartEngineAsync(HistoryRecordingService recorder)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IConnectionCatalog>(new DictionaryConnectionCatalog(new Dictionary<string, string>
        {
            [InProcessMigration.Source] = ServerPair.SourceConnectionString,
            [InProcessMigration.Target] = ServerPair.TargetConnectionString,
        }));
        builder.Services.AddSingleton<IPayloadStore>(new InMemoryPayloadStore());
        builder.Services.AddSingleton<ScopeTablesCache>();
        builder.Services.AddInMemoryDurableTask(TaskCatalog.Register, new InMemoryDurableTaskOptions { Port = LoopbackPort.Free() });
        builder.Services.AddSingleton<InMemoryOrchestrationService>(recorder);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>Bytes of the payloads an event carries (activity inputs and results, orchestration input and output, events).</summary>
    private static long PayloadBytes(HistoryEvent e) => Encoding.UTF8.GetByteCount(e switch
    {
        ExecutionStartedEvent s => s.Input ?? "",
        TaskScheduledEvent s => s.Input ?? "",
        TaskCompletedEvent c => c.Result ?? "",
        SubOrchestrationInstanceCreatedEvent s => s.Input ?? "",
        SubOrchestrationInstanceCompletedEvent c => c.Result ?? "",
        EventRaisedEvent r => r.Input ?? "",
        ExecutionCompletedEvent c => c.Result ?? "",
        _ => "",
    });

    /// <summary>
    /// The in-memory orchestration service, keeping the history each orchestration work item saves and how long each
    /// turn took from the work item's hand-out to its completion (the history sent to the worker, replayed there, the
    /// new actions sent back).
    /// </summary>
    private sealed class HistoryRecordingService() : InMemoryOrchestrationService(null), IOrchestrationService
    {
        private readonly ConcurrentDictionary<string, IReadOnlyList<HistoryEvent>> histories = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, IReadOnlyList<HistoryEvent>>> executions = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> executionOrder = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, long> handedOut = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, ConcurrentQueue<TimeSpan>> turns = new(StringComparer.Ordinal);

        public IEnumerable<string> Instances => histories.Keys;

        public IReadOnlyList<HistoryEvent> HistoryOf(string instanceId) => histories[instanceId];



        /// <summary>Each ContinueAsNew generation's history, first to last.</summary>
        public IReadOnlyList<IReadOnlyList<HistoryEvent>> ExecutionsOf(string instanceId) =>
            [.. executionOrder[instanceId].Select(e => executions[instanceId][e])];

        public IReadOnlyList<TimeSpan> TurnsOf(string instanceId) => turns.TryGetValue(instanceId, out var t) ? [.. t] : [];

        async Task<TaskOrchestrationWorkItem> IOrchestrationService.LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken)
        {
            var item = await LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken);
            if (item is not null)
            {
                handedOut[item.InstanceId] = System.Diagnostics.Stopwatch.GetTimestamp();
            }

            return item!;
        }

        Task IOrchestrationService.CompleteTaskOrchestrationWorkItemAsync(
            TaskOrchestrationWorkItem workItem, OrchestrationRuntimeState newOrchestrationRuntimeState, IList<TaskMessage> outboundMessages,
            IList<TaskMessage> orchestratorMessages, IList<TaskMessage> timerMessages, TaskMessage continuedAsNewMessage, OrchestrationState orchestrationState)
        {
            histories[workItem.InstanceId] = [.. newOrchestrationRuntimeState.Events];
            var execution = newOrchestrationRuntimeState.OrchestrationInstance?.ExecutionId ?? "";
            if (executions.GetOrAdd(workItem.InstanceId, _ => new(StringComparer.Ordinal)).TryAdd(execution, histories[workItem.InstanceId]))
            {
                executionOrder.GetOrAdd(workItem.InstanceId, _ => new()).Enqueue(execution);
            }
            else
            {
                executions[workItem.InstanceId][execution] = histories[workItem.InstanceId];
            }
            if (handedOut.TryRemove(workItem.InstanceId, out var start))
            {
                turns.GetOrAdd(workItem.InstanceId, _ => new()).Enqueue(System.Diagnostics.Stopwatch.GetElapsedTime(start));
            }

            return CompleteTaskOrchestrationWorkItemAsync(workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages,
                timerMessages, continuedAsNewMessage, orchestrationState);
        }
    }
}
