using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Online;

/// <summary>
/// Splits a cutover's downtime into its steps on the orchestration's clock (<see cref="TaskOrchestrationContext.CurrentUtcDateTime"/>,
/// the same on every replay), from the moment writes start to stop.
/// </summary>
internal sealed class CutoverTimeline(TaskOrchestrationContext context)
{
    private readonly List<CutoverStepTime> steps = [];

    /// <summary>When the cutover began to stop writes.</summary>
    public DateTime StartedUtc { get; } = context.CurrentUtcDateTime;

    private DateTime last = context.CurrentUtcDateTime;

    /// <summary>The steps ended so far, in order.</summary>
    public IReadOnlyList<CutoverStepTime> Steps => steps;

    /// <summary>Ends <paramref name="step"/> now.</summary>
    public void End(string step, string? detail = null)
    {
        var now = context.CurrentUtcDateTime;
        steps.Add(new CutoverStepTime(step, Math.Round((now - last).TotalSeconds, 3), detail));
        last = now;
    }
}
