using FlexMigrate.Core.Copy;
using FlexMigrate.Orchestration.Activities;
using FlexMigrate.Orchestration.Cancellation;
using FlexMigrate.Orchestration.Contracts;
using FlexMigrate.Orchestration.Control;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Pipeline;

/// <summary>
/// A run of consecutive chunks of one large table, as a sub-orchestration of the load (issue 20): copies them one at a
/// time with <see cref="CopyChunkActivity"/> and returns their sums. A migration with more chunks than
/// <see cref="ChunkGroups.InlineChunks"/> copies its large tables this way (<see cref="ChunkGroups"/>), so a terabyte's
/// tens of thousands of chunks spread over groups of at most <see cref="ChunkGroups.MaxGroupChunks"/>, each replaying
/// only its own history, and the parent's grows by a group instead of by a chunk.
/// <para>
/// One chunk at a time: the parent runs at most --parallelism groups and chunks together, so the migration keeps its
/// limit, and a table still loads over several groups at once. Live control as in <see cref="CopyGroupOrchestrator"/>:
/// the group starts with the parent's settings and gets every later command forwarded, so a pause holds its next chunk
/// and a throttle condition is probed before it; a chunk a throttle condition deferred goes back to the head. A cancel
/// the parent forwards lets the chunk in flight end and fails the group with <see cref="MigrationCancelledException"/>;
/// a chunk that fails after its retries fails the group with its error (it names the table). Each chunk records its
/// completion in the target's ledger in its own transaction, so a killed migration's resume copies only the rest.
/// </para>
/// Orchestrator code: deterministic, all work in activities.
/// </summary>
public sealed class ChunkGroupOrchestrator : TaskOrchestrator<ChunkGroupStep, ChunkGroupCopied>
{
    public override async Task<ChunkGroupCopied> RunAsync(TaskOrchestrationContext context, ChunkGroupStep input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var cancel = new CancelSignal(context);
        var control = new MigrationControl(context, input.SourceConnection, input.TargetConnection, input.Control);
        var pool = new ActivityPool(1, cancel, control) { Cap = 1 };
        var group = new Group(context, input, control);
        foreach (var chunk in input.Chunks)
        {
            pool.Add(group.Copy(pool, chunk));
        }

        await pool.RunAsync();
        return group.Result();
    }

    /// <summary>What the group copied so far.</summary>
    private sealed class Group(TaskOrchestrationContext context, ChunkGroupStep input, MigrationControl control)
    {
        private int chunks;
        private long rows;
        private long bytes;
        private long milliseconds;
        private Core.Throttling.ThrottleSnapshot? throttle;

        public Func<Task> Copy(ActivityPool pool, CopyChunk chunk) => async () =>
        {
            var step = new ChunkStep(input.SourceConnection, input.TargetConnection, input.Spec, chunk, input.MigrationId, control.UnitThrottle);
            var copied = await context.CallActivityAsync<ChunkCopied>(nameof(CopyChunkActivity), step, RetryPolicies.Transient);
            control.Observe(copied.Throttle);
            throttle = copied.Throttle ?? throttle;
            if (copied.Deferred)
            {
                pool.AddFirst(Copy(pool, chunk));
                return;
            }

            chunks++;
            rows += copied.Rows;
            bytes += copied.Bytes;
            milliseconds += copied.Milliseconds;
        };

        public ChunkGroupCopied Result() => new(chunks, rows, bytes, milliseconds, throttle);
    }
}
