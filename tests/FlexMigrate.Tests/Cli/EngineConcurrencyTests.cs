using DurableTask.Core;
using FlexMigrate.Cli.Hosting;
using FlexMigrate.Orchestration.Connections;

namespace FlexMigrate.Tests.Cli;

/// <summary>
/// The CLI's embedded engine runs a wide fan-out at once whatever the processor count: the rule that let the CLI drop
/// its second process start with DOTNET_PROCESSOR_COUNT=64. The test run itself has DOTNET_PROCESSOR_COUNT=64
/// (tests/test.runsettings), so a fan-out wider than 64 shows the limit no longer comes from the processor count.
/// </summary>
public sealed class EngineConcurrencyTests
{
    private const int FanOut = 100;

    [Fact]
    public async Task A_fan_out_of_100_activities_runs_all_of_them_at_once()
    {
        Assert.True(FanOut > Environment.ProcessorCount, "the fan-out must be wider than the processor count to prove anything");
        var probe = new ConcurrencyProbe(FanOut);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var engine = await EmbeddedDurableEngine.StartAsync(
            new DictionaryConnectionCatalog(new Dictionary<string, string>()), null, cancel.Token, tasks: registry =>
            {
                registry.AddActivityFunc<int, int>("Hold", (_, _) => probe.HoldUntilAllRunAsync());
                registry.AddOrchestratorFunc<int, int>("FanOut", async (context, count) =>
                {
                    var held = await Task.WhenAll(Enumerable.Range(0, count).Select(i => context.CallActivityAsync<int>("Hold", i)));
                    return held.Max();
                });
            });

        var id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("FanOut", FanOut, cancel.Token);
        var result = await engine.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cancel.Token);

        Assert.Equal(Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(FanOut, result.ReadOutputAs<int>());
        Assert.Equal(FanOut, probe.Peak);
    }

    [Fact]
    public void The_sidecar_reads_the_fixed_limits_not_the_processor_count()
    {
        // The sidecar's dispatchers read these through the interface (TaskActivityDispatcher.MaxWorkItems).
        IOrchestrationService service = new SizedInMemoryOrchestrationService(null);
        Assert.Equal(EngineConcurrency.ActivityWorkItems, service.MaxConcurrentTaskActivityWorkItems);
        Assert.Equal(EngineConcurrency.OrchestrationWorkItems, service.MaxConcurrentTaskOrchestrationWorkItems);
    }

    /// <summary>
    /// Each activity holds until every one of the fan-out is running, so the run completes only if all run at once;
    /// a limit below the fan-out leaves the held ones waiting, and they give up after a while with the peak seen.
    /// </summary>
    private sealed class ConcurrencyProbe(int expected)
    {
        private readonly TaskCompletionSource _allRunning = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _running;
        private int _peak;

        public int Peak => Volatile.Read(ref _peak);

        public async Task<int> HoldUntilAllRunAsync()
        {
            var now = Interlocked.Increment(ref _running);
            InterlockedMax(ref _peak, now);
            if (now >= expected)
            {
                _allRunning.TrySetResult();
            }

            await Task.WhenAny(_allRunning.Task, Task.Delay(TimeSpan.FromSeconds(20)));
            Interlocked.Decrement(ref _running);
            return Peak;
        }

        private static void InterlockedMax(ref int target, int value)
        {
            var seen = Volatile.Read(ref target);
            while (value > seen && Interlocked.CompareExchange(ref target, value, seen) is var previous && previous != seen)
            {
                seen = previous;
            }
        }
    }
}
