using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Activities;

/// <summary>
/// Waits while a throttle condition holds (checked once a second; during a critical-load hibernation without touching
/// the source), at most <see cref="ThrottleStep.MaxSeconds"/>, and returns what the throttle saw. The orchestration
/// runs one at a time while throttled, so no unit of work starts and the status is refreshed after each.
/// </summary>
public sealed class WaitForThrottleActivity(IConnectionCatalog connections) : TaskActivity<ThrottleStep, Core.Throttling.ThrottleSnapshot>
{
    public override async Task<Core.Throttling.ThrottleSnapshot> RunAsync(TaskActivityContext context, ThrottleStep input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var throttle = Throttles.For(context.InstanceId, connections, input.SourceConnection, input.TargetConnection, input.Settings);
        await throttle.WaitAsync(TimeSpan.FromSeconds(input.MaxSeconds));
        return throttle.Snapshot();
    }
}
