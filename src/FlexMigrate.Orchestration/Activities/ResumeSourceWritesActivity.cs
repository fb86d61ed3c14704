using FlexMigrate.Core.Cutover;
using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Activities;

/// <summary>
/// Undo of <see cref="StopSourceWritesActivity"/> when a cutover gives up: restores the source's read_only to what
/// it was when the migration started. Nothing to do when the user stopped writes themselves.
/// </summary>
public sealed class ResumeSourceWritesActivity(IConnectionCatalog connections) : TaskActivity<CutoverStep, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, CutoverStep input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.StopWrites != StopWritesMode.ReadOnly || input.SourceWasReadOnly)
        {
            return false;
        }

        await new SourceWriteGate(connections.Resolve(input.Request.SourceConnection)).SetReadOnlyAsync(false);
        return true;
    }
}
