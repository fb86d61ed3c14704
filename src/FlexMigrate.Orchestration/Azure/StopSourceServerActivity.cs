using FlexMigrate.Azure.Arm;
using Microsoft.DurableTask;
using FlexMigrate.Orchestration.Logging;
using Microsoft.Extensions.Logging;

namespace FlexMigrate.Orchestration.Azure;

/// <summary>
/// Stops the source server after a successful final cutover (Azure DMS's last step for Single Server), reading its
/// current state first: returns the change, or null when it was already stopped (so a retry is harmless). Not
/// restored later: a stopped source is the intended end state; start it in the portal if needed.
/// </summary>
public sealed class StopSourceServerActivity(ArmConnection? arm = null, ILogger<StopSourceServerActivity>? logger = null)
    : TaskActivity<string, AzureChange?>
{
    public override async Task<AzureChange?> RunAsync(TaskActivityContext context, string input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrWhiteSpace(input);
        using var scope = logger?.BeginMigrationScope(context.InstanceId);
        var connection = AzureArm.Resolve(arm);
        var server = await new AzureServerDiscovery(connection).DiscoverAsync(input);
        var change = await new AzureServerTuner(connection).StopAsync(server);
        if (change is not null)
        {
            logger?.AzureChangeApplied(change.ResourceId, change.Setting, change.Before, change.After);
        }

        return change;
    }
}
