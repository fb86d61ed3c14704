using FlexMigrate.Core.Schema;
using FlexMigrate.Core.Throttling;
using FlexMigrate.Orchestration.Activities;
using FlexMigrate.Orchestration.Azure;
using FlexMigrate.Orchestration.Cancellation;
using FlexMigrate.Orchestration.Contracts;
using FlexMigrate.Orchestration.Control;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Pipeline;

/// <summary>
/// One group of small tables of a migration's copy, as a sub-orchestration of the load (issue 20): reads its tables
/// (a range of the plan's stored list, or inline), cuts them into batches of at most
/// <see cref="SmallTableBatches.MaxTables"/> and copies them one batch at a time with <see cref="CopySmallTablesActivity"/>,
/// returning a summary of a few bytes a table. So the history of a 10,000-table copy is spread over groups of at most
/// <see cref="SmallTableBatches.MaxGroupTables"/> tables, each replaying only its own, and the parent's grows by a group.
/// <para>
/// One batch at a time: the parent runs at most --parallelism groups, so the migration keeps its limit. Live control
/// works here as in the parent's pool: the group starts with the parent's settings and gets every later command
/// forwarded (<see cref="MigrationControl.Follow"/>), so a pause holds its next batch and a throttle condition is probed
/// before it. A cancel the parent forwards lets the batch in flight end and fails the group with
/// <see cref="MigrationCancelledException"/>; a batch that fails after its retries fails the group with its error (it
/// names the table). The parent starts each group under an instance id derived from its own and the group's index,
/// so a replay never starts a second copy; a resumed migration's groups copy only what the ledger does not hold.
/// </para>
/// Orchestrator code: deterministic, all work in activities.
/// </summary>
public sealed class CopyGroupOrchestrator : TaskOrchestrator<CopyGroupStep, CopyGroupCopied>
{
    public override async Task<CopyGroupCopied> RunAsync(TaskOrchestrationContext context, CopyGroupStep input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var cancel = new CancelSignal(context);
        var control = new MigrationControl(context, input.Batch.SourceConnection, input.Batch.TargetConnection, input.Control);
        var tables = await TablesAsync(context, input);
        var group = new Group(context, input.Batch, control, tables.Count);
        var pool = new ActivityPool(1, cancel, control) { Cap = 1 };
        var start = 0;
        foreach (var batch in SmallTableBatches.CutBySize(tables, input.Batch.ChunkRows, SmallTableBatches.MaxTables))
        {
            pool.Add(group.Copy(pool, start, batch));
            start += batch.Count;
        }

        await pool.RunAsync();
        return group.Result();
    }

    /// <summary>The group's tables: inline, or its range of the plan's stored list read a page at a time.</summary>
    private static async Task<IReadOnlyList<TableWork>> TablesAsync(TaskOrchestrationContext context, CopyGroupStep input)
    {
        if (input.TablesReference is not { } reference)
        {
            return input.Batch.Tables;
        }

        var range = await AzureSteps.PageAsync(context, reference, input.Skip, input.Take);
        return SmallTableBatches.SmallOf(range, input.Batch.ChunkRows);
    }

    /// <summary>What the group copied so far, per table in the group's order.</summary>
    private sealed class Group(TaskOrchestrationContext context, SmallTablesStep step, MigrationControl control, int tables)
    {
        private readonly long[] rows = new long[tables];
        private readonly long[] bytes = new long[tables];
        private readonly long[] milliseconds = new long[tables];
        private readonly List<HandedBackTable> handedBack = [];
        private readonly List<MigrationNote> notes = [];
        private ThrottleSnapshot? throttle;

        /// <summary>
        /// One batch starting at <paramref name="start"/> in the group; the tables a throttle condition left go back to
        /// the head of the queue.
        /// </summary>
        public Func<Task> Copy(ActivityPool pool, int start, IReadOnlyList<TableWork> batch) => async () =>
        {
            var copied = await context.CallActivityAsync<SmallTablesCopied>(nameof(CopySmallTablesActivity),
                step with { Tables = batch, Throttle = control.UnitThrottle }, RetryPolicies.Transient);
            control.Observe(copied.Throttle);
            throttle = copied.Throttle ?? throttle;
            notes.AddRange(copied.Notes);
            for (var i = 0; i < copied.Tables.Count; i++)
            {
                if (copied.Tables[i] is { Chunks: { } chunks })
                {
                    handedBack.Add(new HandedBackTable(start + i, chunks));
                }
                else if (copied.Tables[i].Copied is { } one)
                {
                    (rows[start + i], bytes[start + i], milliseconds[start + i]) = (one.Rows, one.Bytes, one.Milliseconds);
                }
            }

            if (copied.Tables.Count < batch.Count)
            {
                pool.AddFirst(Copy(pool, start + copied.Tables.Count, [.. batch.Skip(copied.Tables.Count)]));
            }
        };

        public CopyGroupCopied Result() => new(rows, bytes, milliseconds, handedBack, notes, throttle);
    }
}
