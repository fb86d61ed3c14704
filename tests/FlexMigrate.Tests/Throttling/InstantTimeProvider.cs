namespace FlexMigrate.Tests.Throttling;

/// <summary>
/// A clock for pacing tests that never waits: every timer fires at once and moves the clock forward by its due time,
/// so the time a pacer makes its callers wait is read off the clock exactly, whatever the machine's load.
/// </summary>
internal sealed class InstantTimeProvider : TimeProvider
{
    private long ticks = TimeSpan.TicksPerDay;

    public TimeSpan Elapsed => TimeSpan.FromTicks(Interlocked.Read(ref ticks) - TimeSpan.TicksPerDay);

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Interlocked.Read(ref ticks);

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref ticks, by.Ticks);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Advance(dueTime);
        ThreadPool.QueueUserWorkItem(_ => callback(state));
        return new Fired();
    }

    private sealed class Fired : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
