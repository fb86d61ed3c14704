using FlexMigrate.Core.Cutover;
using FlexMigrate.Core.Testing;
using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Activities;

/// <summary>
/// First step of the cutover: stops writes on the source (read_only, or the user's confirmation) and reads the final
/// binlog position replay must reach. Idempotent: setting read_only again is a no-op, and whether FlexMigrate set it
/// is derived from the state recorded at the start, not from what a retry finds.
/// </summary>
public sealed class StopSourceWritesActivity(IConnectionCatalog connections) : TaskActivity<CutoverStep, SourceWritesStopped>
{
    public override async Task<SourceWritesStopped> RunAsync(TaskActivityContext context, CutoverStep input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var source = connections.Resolve(input.Request.SourceConnection);
        var setByUs = input.StopWrites == StopWritesMode.ReadOnly && !input.SourceWasReadOnly;
        if (setByUs)
        {
            // Crash tests only (FLEXMIGRATE_TEST_DRAIN_WORK): a write lands after closing in, so the drain has work.
            await DrainWork.AwaitSourceWriteAsync(source);
            await new SourceWriteGate(source).SetReadOnlyAsync(true);
        }

        return new SourceWritesStopped(await SourcePositionReader.ReadAsync(source), setByUs);
    }
}
