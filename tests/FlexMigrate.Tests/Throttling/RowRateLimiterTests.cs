using FlexMigrate.Core.Throttling;

namespace FlexMigrate.Tests.Throttling;

/// <summary>The --max-rows-per-second bucket: the pace it imposes, read off a clock that never waits.</summary>
public sealed class RowRateLimiterTests
{
    [Theory]
    [InlineData(1_000, 10_000)]
    [InlineData(6_000, 126_000)]
    [InlineData(37, 1_000)]
    public async Task Rows_taken_in_steps_take_rows_over_rate_seconds_less_the_bucket(long rate, long rows)
    {
        var clock = new InstantTimeProvider();
        var limiter = new RowRateLimiter(clock) { Rate = rate };
        for (long taken = 0; taken < rows; taken += limiter.Step)
        {
            await limiter.TakeAsync(Math.Min(limiter.Step, rows - taken), CancellationToken.None);
        }

        // The bucket starts empty and holds a tenth of a second at most, so the whole run paces at the rate.
        var expected = (double)rows / rate;
        Assert.InRange(clock.Elapsed.TotalSeconds, expected - 0.001, expected + 0.001);
        Assert.InRange(limiter.WaitedSeconds, expected - 0.001, expected + 0.001);
        Assert.True(limiter.Limiting);
    }

    [Fact]
    public async Task An_idle_pause_refills_at_most_a_tenth_of_a_second_of_rows()
    {
        var clock = new InstantTimeProvider();
        var limiter = new RowRateLimiter(clock) { Rate = 1_000 };
        clock.Advance(TimeSpan.FromMinutes(5));
        await limiter.TakeAsync(100, CancellationToken.None);
        Assert.Equal(TimeSpan.Zero, clock.Elapsed - TimeSpan.FromMinutes(5));
        await limiter.TakeAsync(500, CancellationToken.None);
        Assert.Equal(TimeSpan.FromSeconds(0.5), clock.Elapsed - TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task Unlimited_never_waits_and_a_new_rate_applies_to_the_next_take()
    {
        var clock = new InstantTimeProvider();
        var limiter = new RowRateLimiter(clock);
        await limiter.TakeAsync(1_000_000, CancellationToken.None);
        Assert.Equal(TimeSpan.Zero, clock.Elapsed);
        Assert.Equal(int.MaxValue, limiter.Step);
        Assert.False(limiter.Limiting);

        limiter.Rate = 100;
        await limiter.TakeAsync(200, CancellationToken.None);
        Assert.Equal(TimeSpan.FromSeconds(2), clock.Elapsed);
        Assert.Equal(2, limiter.Step);
    }
}
