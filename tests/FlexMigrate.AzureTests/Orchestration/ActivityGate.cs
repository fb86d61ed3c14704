using FlexMigrate.Orchestration;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace FlexMigrate.AzureTests.Orchestration;

/// <summary>
/// Holds one call of a real activity (the <see cref="Occurrence"/>-th call of <see cref="Activity"/>) before it runs,
/// so a test can raise an event while the orchestration waits on it, then lets it run. Every other call runs at once.
/// </summary>
internal sealed class ActivityGate(string activity, int occurrence = 1)
{
    private readonly TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int calls;

    public string Activity { get; } = activity;

    public int Occurrence { get; } = occurrence;

    /// <summary>Completes when the held call has arrived.</summary>
    public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => release.TrySetResult();

    /// <summary>The catalog's activity of this name, wrapped by the gate, to register instead of it.</summary>
    public Dictionary<string, Func<IServiceProvider, ITaskActivity>> Replacement()
    {
        var type = TaskCatalog.Activities.Single(a => a.Name == Activity);
        return new() { [Activity] = sp => new Gated(this, (ITaskActivity)ActivatorUtilities.CreateInstance(sp, type)) };
    }

    private async Task PassAsync()
    {
        if (Interlocked.Increment(ref calls) == Occurrence)
        {
            Reached.TrySetResult();
            await release.Task;
        }
    }

    private sealed class Gated(ActivityGate gate, ITaskActivity inner) : ITaskActivity
    {
        public Type InputType => inner.InputType;

        public Type OutputType => inner.OutputType;

        public async Task<object?> RunAsync(TaskActivityContext context, object? input)
        {
            await gate.PassAsync();
            return await inner.RunAsync(context, input);
        }
    }
}
