namespace FlexMigrate.Core.Throttling;

/// <summary>
/// The `--max-rows-per-second` token bucket shared by every copy and replay unit of one migration in this process.
/// Callers take rows as they write them, in steps of <see cref="Step"/>; a taker that overdraws the bucket waits until
/// the debt is paid back at the current rate. The rate may change at any time (live control); unlimited never waits.
/// The bucket holds at most a tenth of a second of rows, so an idle pause cannot be followed by a burst.
/// </summary>
public sealed class RowRateLimiter(TimeProvider time)
{
    private readonly Lock gate = new();
    private long rate;
    private double tokens;
    private long lastTicks = time.GetTimestamp();
    private long waitedUntilTicks;
    private double waitedSeconds;

    /// <summary>Rows per second; 0 or less is unlimited.</summary>
    public long Rate
    {
        get => Interlocked.Read(ref rate);
        set => Interlocked.Exchange(ref rate, Math.Max(0, value));
    }

    /// <summary>How many rows a caller should take at once: about 1/50 s of rows, so waits stay short and even.</summary>
    public int Step => Rate <= 0 ? int.MaxValue : (int)Math.Clamp(Rate / 50, 1, 1000);

    /// <summary>Wall seconds some taker waited (parallel waits counted once).</summary>
    public double WaitedSeconds
    {
        get
        {
            lock (gate)
            {
                return waitedSeconds;
            }
        }
    }

    /// <summary>True when a taker waits now or waited within the last second.</summary>
    public bool Limiting
    {
        get
        {
            lock (gate)
            {
                return waitedUntilTicks != 0 && time.GetTimestamp() < waitedUntilTicks + time.TimestampFrequency;
            }
        }
    }

    /// <summary>Takes <paramref name="rows"/>; waits while the bucket is in debt at the current rate.</summary>
    public async ValueTask TakeAsync(long rows, CancellationToken cancellationToken)
    {
        var current = Rate;
        if (current <= 0 || rows <= 0)
        {
            return;
        }

        TimeSpan wait;
        lock (gate)
        {
            var now = time.GetTimestamp();
            tokens = Math.Min(current / 10.0, tokens + time.GetElapsedTime(lastTicks, now).TotalSeconds * current);
            lastTicks = now;
            tokens -= rows;
            wait = tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-tokens / current);
            if (wait > TimeSpan.Zero)
            {
                RecordWait(now, now + (long)(wait.TotalSeconds * time.TimestampFrequency));
            }
        }

        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
    }

    // Waits of parallel takers overlap: only the part after the last recorded end is new throttled time.
    private void RecordWait(long from, long until)
    {
        var start = Math.Max(from, waitedUntilTicks);
        if (until > start)
        {
            waitedSeconds += (until - start) / (double)time.TimestampFrequency;
            waitedUntilTicks = until;
        }
    }
}
