using FlexMigrate.Core.Throttling;
using FlexMigrate.Orchestration.Activities;
using FlexMigrate.Orchestration.Contracts;
using FlexMigrate.Orchestration.Pipeline;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Control;

/// <summary>
/// Live control and throttling as the orchestrator sees them (docs/throttling.md). It owns the execution's one waiter
/// for the external event <see cref="EventName"/> (like <see cref="Cancellation.CancelSignal"/>: created once, re-armed
/// after each event, so none is swallowed), applies each command to the settings and acknowledges it with the
/// orchestration time it took effect, and keeps what the units' throttle reported. <see cref="ActivityPool"/> asks it
/// how many units may be in flight (0 while paused or throttled) and, while throttled, runs one
/// <see cref="WaitForThrottleActivity"/> at a time to learn when work may start again.
/// Orchestrator code: deterministic, events and results come from history, time from the context.
/// </summary>
internal sealed class MigrationControl
{
    /// <summary>The external event name; its payload is a <see cref="ControlRequest"/>.</summary>
    public const string EventName = ControlChanges.EventName;

    /// <summary>The longest a throttle probe waits before the orchestration shows the status and asks again.</summary>
    public const int ProbeSeconds = 10;

    private const int KeptChanges = 20;
    private const string PausedCondition = "paused";

    private readonly TaskOrchestrationContext context;
    private readonly string sourceConnection;
    private readonly string targetConnection;
    private readonly SortedSet<string> followers = new(StringComparer.Ordinal);
    private readonly List<ControlAcknowledgement> changes;
    private readonly Dictionary<string, double> seconds;
    private ThrottleSnapshot? snapshot;
    private DateTime? pausedSince;

    /// <summary>Creates the execution's one control waiter; <paramref name="carried"/> is the previous generation's status.</summary>
    public MigrationControl(TaskOrchestrationContext context, MigrationRequest request, ThrottleStatus? carried = null)
        : this(context, request.SourceConnection, request.TargetConnection, carried?.Settings ?? ControlSettings.Of(request.Options), carried)
    {
    }

    /// <summary>
    /// Creates the execution's one control waiter for a sub-orchestration that does part of a migration's work (a copy
    /// group): <paramref name="carried"/> is the parent's control when it started it, later commands are forwarded by
    /// the parent (<see cref="Follow"/>).
    /// </summary>
    public MigrationControl(TaskOrchestrationContext context, string sourceConnection, string targetConnection, ThrottleStatus carried)
        : this(context, sourceConnection, targetConnection, carried.Settings, carried)
    {
    }

    private MigrationControl(TaskOrchestrationContext context, string sourceConnection, string targetConnection, ControlSettings settings,
        ThrottleStatus? carried)
    {
        this.context = context;
        this.sourceConnection = sourceConnection;
        this.targetConnection = targetConnection;
        Settings = settings;
        changes = [.. carried?.Changes ?? []];
        seconds = new Dictionary<string, double>(carried?.SecondsByCondition ?? new Dictionary<string, double>(), StringComparer.Ordinal);
        pausedSince = Settings.Paused ? context.CurrentUtcDateTime : null;
        Next = context.WaitForExternalEvent<ControlRequest>(EventName);
    }

    /// <summary>Completes when a control command arrives (then call <see cref="TakePending"/>).</summary>
    public Task<ControlRequest> Next { get; private set; }

    /// <summary>The settings in force.</summary>
    public ControlSettings Settings { get; private set; }

    /// <summary>The throttle conditions a unit carries; null when none is set (payloads stay small).</summary>
    public ThrottleSettings? UnitThrottle => Settings.Throttle.IsEmpty ? null : Settings.Throttle;

    /// <summary>True while a sampled condition (not the rows-per-second pace) holds new units back.</summary>
    public bool Throttled => snapshot?.Reason is { Condition: not ThrottleConditions.MaxRowsPerSecond };

    /// <summary>How many units may be in flight now: none while paused or throttled.</summary>
    public int Slots => Settings.Paused || Throttled ? 0 : Math.Max(1, Settings.Parallelism);

    /// <summary>Applies every command that has arrived; true when one did.</summary>
    public bool TakePending()
    {
        var took = false;
        while (Next.IsCompleted)
        {
            Apply(Next.Result);
            Next = context.WaitForExternalEvent<ControlRequest>(EventName);
            took = true;
        }

        return took;
    }

    /// <summary>
    /// Hands a command that arrives from now on to this instance's next generation (after ContinueAsNew), so none is
    /// swallowed by this execution's waiter; call <see cref="TakePending"/> first.
    /// </summary>
    public void ForwardTo(string instanceId) => _ = ForwardAsync(instanceId);

    private async Task ForwardAsync(string instanceId) => context.SendEvent(instanceId, EventName, await Next);

    /// <summary>
    /// Passes every command this control takes from now on to <paramref name="instanceId"/> as well (a sub-orchestration
    /// doing part of the work under its own control, such as a copy group), until <see cref="Unfollow"/>: a pause or a
    /// new throttle condition reaches the work in flight there, not only the work this instance hands out next.
    /// </summary>
    public void Follow(string instanceId) => followers.Add(instanceId);

    /// <summary>Stops forwarding commands to <paramref name="instanceId"/> (it ended).</summary>
    public void Unfollow(string instanceId) => followers.Remove(instanceId);

    /// <summary>Takes what a unit's throttle reported (null: the unit had no throttle conditions).</summary>
    public void Observe(ThrottleSnapshot? seen)
    {
        if (seen is null)
        {
            return;
        }

        snapshot = seen;
        foreach (var (condition, value) in seen.SecondsByCondition)
        {
            // Each process counts its own wall time throttled; the largest count is the closest to the migration's.
            seconds[condition] = Math.Max(seconds.GetValueOrDefault(condition), value);
        }
    }

    /// <summary>Waits (in an activity, at most <see cref="ProbeSeconds"/>) until the throttle lets work start.</summary>
    public Task<ThrottleSnapshot> ProbeAsync() => context.CallActivityAsync<ThrottleSnapshot>(nameof(WaitForThrottleActivity),
        new ThrottleStep(sourceConnection, targetConnection, Settings.Throttle, ProbeSeconds), RetryPolicies.Transient);

    /// <summary>The status part: the settings in force always, and whatever throttled or was changed.</summary>
    public ThrottleStatus Status()
    {
        var all = new Dictionary<string, double>(seconds, StringComparer.Ordinal);
        if (pausedSince is { } since)
        {
            all[PausedCondition] = Math.Round(all.GetValueOrDefault(PausedCondition) + (context.CurrentUtcDateTime - since).TotalSeconds, 1);
        }

        return new ThrottleStatus(Settings.Paused, Throttled, Throttled ? snapshot!.Reason : null, snapshot?.HibernatingUntil?.UtcDateTime,
            all, Settings, [.. changes]);
    }

    private void Apply(ControlRequest command)
    {
        foreach (var follower in followers)
        {
            context.SendEvent(follower, EventName, command);
        }

        var now = context.CurrentUtcDateTime;
        try
        {
            var next = ControlChanges.Apply(Settings, command);
            if (next.Paused != Settings.Paused)
            {
                RecordPause(next.Paused, now);
            }

            if (next.Throttle.Describe() != Settings.Throttle.Describe())
            {
                // New conditions: what the old ones reported no longer says whether work may start.
                snapshot = null;
            }

            Settings = next;
            Acknowledge(new ControlAcknowledgement(command.Describe(), command.RequestedBy, now));
        }
        catch (FormatException ex)
        {
            Acknowledge(new ControlAcknowledgement(command.Describe(), command.RequestedBy, now, ex.Message));
        }
    }

    private void RecordPause(bool paused, DateTime now)
    {
        if (paused)
        {
            pausedSince = now;
        }
        else if (pausedSince is { } since)
        {
            seconds[PausedCondition] = Math.Round(seconds.GetValueOrDefault(PausedCondition) + (now - since).TotalSeconds, 1);
            pausedSince = null;
        }
    }

    private void Acknowledge(ControlAcknowledgement acknowledgement)
    {
        changes.Add(acknowledgement);
        if (changes.Count > KeptChanges)
        {
            changes.RemoveAt(0);
        }
    }
}
