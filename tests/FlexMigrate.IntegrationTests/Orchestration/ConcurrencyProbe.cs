using FlexMigrate.Orchestration;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace FlexMigrate.IntegrationTests.Orchestration;

/// <summary>
/// Wraps the catalog's activity of a name and records how many of its calls ran at once (each call is held a little so
/// calls the orchestrator schedules together really overlap).
/// </summary>
internal sealed class ConcurrencyProbe(string activity, TimeSpan hold)
{
    private readonly Lock _lock = new();
    private int _running;

    /// <summary>How long each call is held before it runs.</summary>
    public TimeSpan Hold { get; } = hold;

    public int MaxConcurrent { get; private set; }

    public int Calls { get; private set; }

    /// <summary>The catalog's activity of this name, wrapped by the probe, to register instead of it.</summary>
    public Dictionary<string, Func<IServiceProvider, ITaskActivity>> Replacement()
    {
        var type = TaskCatalog.Activities.Single(a => a.Name == activity);
        return new() { [activity] = sp => new Probed(this, (ITaskActivity)ActivatorUtilities.CreateInstance(sp, type)) };
    }

    private void Enter()
    {
        lock (_lock)
        {
            Calls++;
            MaxConcurrent = Math.Max(MaxConcurrent, ++_running);
        }
    }

    private void Leave()
    {
        lock (_lock)
        {
            _running--;
        }
    }

    private sealed class Probed(ConcurrencyProbe probe, ITaskActivity inner) : ITaskActivity
    {
        public Type InputType => inner.InputType;

        public Type OutputType => inner.OutputType;

        public async Task<object?> RunAsync(TaskActivityContext context, object? input)
        {
            probe.Enter();
            try
            {
                await Task.Delay(probe.Hold);
                return await inner.RunAsync(context, input);
            }
            finally
            {
                probe.Leave();
            }
        }
    }
}
