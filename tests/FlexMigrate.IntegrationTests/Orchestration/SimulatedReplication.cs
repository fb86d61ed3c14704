using FlexMigrate.Core;
using FlexMigrate.Core.Binlog;
using FlexMigrate.Core.Schema;
using FlexMigrate.Orchestration.Activities;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.IntegrationTests.Orchestration;

/// <summary>
/// A scripted source binlog and target for the replication loop's orchestration tests: the online activities are
/// replaced by these fakes so the tests drive generations, slow batches, undrainable lag and failing cutover steps
/// deterministically and fast, while the orchestrator and the durable engine are the real ones.
/// </summary>
internal sealed class SimulatedReplication
{
    public const string File = "bin.000001";
    private readonly Lock _lock = new();
    private readonly List<string> _calls = [];

    /// <summary>The source's binlog end; each apply moves the applied offset towards it by at most <see cref="Step"/>.</summary>
    public ulong SourceEnd { get; set; } = 1000;

    /// <summary>Bytes one batch applies at most (int.MaxValue: always catches up).</summary>
    public ulong Step { get; set; } = ulong.MaxValue;

    /// <summary>Bytes the source grows during each batch (a source that keeps writing).</summary>
    public ulong GrowthPerBatch { get; set; }

    /// <summary>Set to make the next batch wait until this completes.</summary>
    public TaskCompletionSource? HoldBatch { get; set; }

    /// <summary>Completed when a held batch has started.</summary>
    public TaskCompletionSource BatchStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Activities (by name) that fail on their next N calls with a failure the user must fix.</summary>
    public Dictionary<string, int> FailNext { get; } = [];

    /// <summary>Activities (by name) that fail on their next N calls with a lost connection (retryable).</summary>
    public Dictionary<string, int> FailNextTransient { get; } = [];

    public ulong Applied { get; private set; }

    /// <summary>Batches asked to stop at the source's end as they found it (a cutover closing in before writes stop).</summary>
    public int ToSourceEndBatches { get; private set; }

    public IReadOnlyList<string> Calls
    {
        get
        {
            lock (_lock)
            {
                return [.. _calls];
            }
        }
    }

    public int Count(string activity) => Calls.Count(c => c == activity);

    public static ReplicationPosition At(ulong offset) => new($"{File}:{offset}");

    /// <summary>A replication state as the initial load leaves it: copy done at <paramref name="catchUp"/>.</summary>
    public static ReplicationState InitialState(ulong start, ulong catchUp) => new(
        At(start), At(catchUp), At(start), At(catchUp).Position, SourceWasReadOnly: false, CaughtUp: false, new ReplicationTotals(),
        null, [], [], LoadSummary.Of(new MigrationReport(MigrationOutcome.Succeeded, DateTime.UnixEpoch, DateTime.UnixEpoch, 10, 100, 1, [], [], false, null, null), null),
        0, 0, null, 0, null);

    /// <summary>Every online activity replaced by a fake over this simulation.</summary>
    public IReadOnlyDictionary<string, Func<IServiceProvider, ITaskActivity>> Activities() =>
        new Dictionary<string, Func<IServiceProvider, ITaskActivity>>
        {
            [nameof(ApplyChangesActivity)] = _ => new Fake<ApplyChangesStep, ChangesApplied>(this, nameof(ApplyChangesActivity), ApplyAsync),
            [nameof(StopSourceWritesActivity)] = _ => new Fake<CutoverStep, SourceWritesStopped>(this, nameof(StopSourceWritesActivity), StopWrites),
            [nameof(ResumeSourceWritesActivity)] = _ => new Fake<CutoverStep, bool>(this, nameof(ResumeSourceWritesActivity), _ => Task.FromResult(true)),
            [nameof(ListTablesActivity)] = _ => new Fake<MigrationRequest, TableListing>(this, nameof(ListTablesActivity),
                _ => Task.FromResult(new TableListing(2, [new TableWork("db", "t1", 0, 0, true), new TableWork("db", "t2", 0, 0, true)]))),
            [nameof(CatalogSourceSchemaActivity)] = _ => new Fake<MigrationRequest, FlexMigrate.Azure.Storage.PayloadReference?>(this, nameof(CatalogSourceSchemaActivity),
                _ => Task.FromResult<FlexMigrate.Azure.Storage.PayloadReference?>(null)),
            [nameof(AddUniqueIndexesActivity)] = _ => Notes<TablesStep>(nameof(AddUniqueIndexesActivity)),
            [nameof(AddForeignKeysActivity)] = _ => Notes<SchemaStep>(nameof(AddForeignKeysActivity)),
            [nameof(SweepCascadeOrphansActivity)] = _ => Notes<MigrationRequest>(nameof(SweepCascadeOrphansActivity)),
            [nameof(CreateRoutinesActivity)] = _ => Notes<SchemaStep>(nameof(CreateRoutinesActivity)),
            [nameof(CreateViewsActivity)] = _ => Notes<SchemaStep>(nameof(CreateViewsActivity)),
            [nameof(CreateTriggersActivity)] = _ => Notes<SchemaStep>(nameof(CreateTriggersActivity)),
            [nameof(CreateEventsActivity)] = _ => Notes<SchemaStep>(nameof(CreateEventsActivity)),
            [nameof(SwitchTargetOnActivity)] = _ => new Fake<MigrationRequest, TargetSwitched>(this, nameof(SwitchTargetOnActivity),
                _ => Task.FromResult(new TargetSwitched([], 0, 0, 0, 0, 0, 0))),
            [nameof(UndoCutoverActivity)] = _ => Notes<MigrationRequest>(nameof(UndoCutoverActivity)),
            [nameof(DropReplicationStateActivity)] = _ => new Fake<ApplyChangesStep, bool>(this, nameof(DropReplicationStateActivity), _ => Task.FromResult(true)),
        };

    /// <summary>Writes stop: the source's end is final.</summary>
    private Task<SourceWritesStopped> StopWrites(CutoverStep step)
    {
        lock (_lock)
        {
            GrowthPerBatch = 0;
            return Task.FromResult(new SourceWritesStopped(At(SourceEnd), step.StopWrites == StopWritesMode.ReadOnly));
        }
    }

    private Fake<TIn, IReadOnlyList<MigrationNote>> Notes<TIn>(string name) =>
        new(this, name, _ => Task.FromResult<IReadOnlyList<MigrationNote>>([]));

    private async Task<ChangesApplied> ApplyAsync(ApplyChangesStep step)
    {
        if (HoldBatch is { } hold)
        {
            HoldBatch = null;
            BatchStarted.TrySetResult();
            await hold.Task;
        }

        ulong applied;
        ulong end;
        lock (_lock)
        {
            ToSourceEndBatches += step.StopAtSourceEnd ? 1 : 0;
            var from = Math.Max(Applied, BinlogPosition.Parse(step.From.Position).Offset);
            Applied = Math.Min(SourceEnd, from + Math.Min(Step, SourceEnd - from));
            SourceEnd += GrowthPerBatch;
            applied = Applied;
            end = SourceEnd;
        }

        var rows = (long)(applied - BinlogPosition.Parse(step.From.Position).Offset) / 10;
        return new ChangesApplied(At(applied), At(end).Position, rows, rows, 0, 0, 0, 0, applied == end ? 0 : 1.5,
            (long)(end - applied), applied == end, 0.01, []);
    }

    private void Record(string name)
    {
        lock (_lock)
        {
            _calls.Add(name);
        }
    }

    private static bool Take(Dictionary<string, int> failures, string name)
    {
        lock (failures)
        {
            if (failures.TryGetValue(name, out var n) && n > 0)
            {
                failures[name] = n - 1;
                return true;
            }

            return false;
        }
    }

    private sealed class Fake<TIn, TOut>(SimulatedReplication sim, string name, Func<TIn, Task<TOut>> body) : TaskActivity<TIn, TOut>
    {
        public override Task<TOut> RunAsync(TaskActivityContext context, TIn input)
        {
            sim.Record(name);
            if (Take(sim.FailNext, name))
            {
                throw new UserActionRequiredException($"injected failure of {name}");
            }

            if (Take(sim.FailNextTransient, name))
            {
                throw new IOException($"injected: connection lost in {name}");
            }

            return body(input);
        }
    }
}
