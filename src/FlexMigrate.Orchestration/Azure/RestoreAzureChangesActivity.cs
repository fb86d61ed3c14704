using FlexMigrate.Azure.Arm;
using Microsoft.DurableTask;
using FlexMigrate.Orchestration.Logging;
using Microsoft.Extensions.Logging;

namespace FlexMigrate.Orchestration.Azure;

/// <summary>
/// Undoes the migration's Azure changes in reverse order (parameters, then the SKU). Idempotent and best effort: a
/// setting already back is reported AlreadyRestored, one someone else changed meanwhile is left alone, a failing one is
/// reported Failed with the value to set by hand; it never throws for one change, so every change gets its attempt.
/// </summary>
public sealed class RestoreAzureChangesActivity(ArmConnection? arm = null, ILogger<RestoreAzureChangesActivity>? logger = null)
    : TaskActivity<IReadOnlyList<AzureChange>, IReadOnlyList<AzureRestoreOutcome>>
{
    public override async Task<IReadOnlyList<AzureRestoreOutcome>> RunAsync(TaskActivityContext context, IReadOnlyList<AzureChange> input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        using var scope = logger?.BeginMigrationScope(context.InstanceId);
        var outcomes = await new AzureServerTuner(AzureArm.Resolve(arm)).RestoreAsync(input);
        foreach (var outcome in outcomes)
        {
            logger?.AzureChangeRestored(outcome.Change.ResourceId, outcome.Change.Setting, outcome.Status.ToString(), outcome.Detail);
        }

        return outcomes;
    }
}
