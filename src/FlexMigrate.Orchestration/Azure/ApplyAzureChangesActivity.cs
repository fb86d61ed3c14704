using FlexMigrate.Azure.Arm;
using Microsoft.DurableTask;
using FlexMigrate.Orchestration.Logging;
using Microsoft.Extensions.Logging;

namespace FlexMigrate.Orchestration.Azure;

/// <summary>
/// Brings each planned <see cref="AzureChange"/> to its After value (SKU scale polled to completion, then parameters).
/// Idempotent: settings already at After are skipped, so a retry repeats nothing. Returns the list it was given, which
/// the orchestrator keeps in history and the report; on failure the orchestrator restores that whole list.
/// </summary>
public sealed class ApplyAzureChangesActivity(ArmConnection? arm = null, ILogger<ApplyAzureChangesActivity>? logger = null)
    : TaskActivity<IReadOnlyList<AzureChange>, IReadOnlyList<AzureChange>>
{
    public override async Task<IReadOnlyList<AzureChange>> RunAsync(TaskActivityContext context, IReadOnlyList<AzureChange> input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        using var scope = logger?.BeginMigrationScope(context.InstanceId);
        await new AzureServerTuner(AzureArm.Resolve(arm)).ApplyAsync(input);
        foreach (var change in input)
        {
            logger?.AzureChangeApplied(change.ResourceId, change.Setting, change.Before, change.After);
        }

        return input;
    }
}
