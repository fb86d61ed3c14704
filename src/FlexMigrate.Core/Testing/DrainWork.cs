using FlexMigrate.Core.Binlog;

namespace FlexMigrate.Core.Testing;

/// <summary>
/// Gives a cutover's drain work, for the crash suite's 'cutover: drain' kill point: when <c>FLEXMIGRATE_TEST_DRAIN_WORK</c>
/// is <c>1</c>, the stop-writes step waits, before it stops writes, until the source's binlog end moves (the tests'
/// applications keep writing), so a write lands between closing in (which replays up to the source's end) and the write
/// stop, and the drain after the stop has it to apply. Without it, closing in can leave the drain nothing, no commit
/// follows the stop, and a kill point inside the drain is never reached. Unset (always, outside the crash tests) it
/// costs nothing.
/// </summary>
public static class DrainWork
{
    public const string Variable = "FLEXMIGRATE_TEST_DRAIN_WORK";

    // Long enough for a paced workload's next write on a loaded machine; past it the stop goes on (the test then fails
    // because its kill point is never reached, which is the failure it should report).
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    private static readonly bool Enabled = Environment.GetEnvironmentVariable(Variable) == "1";

    /// <summary>Returns once the source's binlog end moved past where it is now (only when the test asks; else at once).</summary>
    public static async Task AwaitSourceWriteAsync(string sourceConnectionString, CancellationToken cancellationToken = default)
    {
        if (!Enabled)
        {
            return;
        }

        var client = new BinlogClient(sourceConnectionString);
        var before = await client.GetCurrentPositionAsync(cancellationToken).ConfigureAwait(false);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(MaxWait);
        try
        {
            while (await client.GetCurrentPositionAsync(timeout.Token).ConfigureAwait(false) == before)
            {
                await Task.Delay(20, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // No write within MaxWait: stop writes anyway.
        }
    }
}
