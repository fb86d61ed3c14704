using System.Diagnostics;

namespace FlexMigrate.IntegrationTests.Infrastructure;

/// <summary>
/// The statements MySqlConnector sends while an action runs in this flow (its activities under a root started here),
/// read from its ActivitySource's "db.statement" tag: how tests bound the round trips and shapes of a code path.
/// </summary>
internal static class StatementLog
{
    /// <summary>The statements sent while <paramref name="action"/> runs, in the order they ended.</summary>
    public static async Task<List<string>> OfAsync(Func<Task> action)
    {
        var statements = new List<string>();
        using var root = new Activity("fm-statement-log").Start();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "MySqlConnector",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = a =>
            {
                if (a.TraceId == root.TraceId && a.GetTagItem("db.statement") is string text)
                {
                    lock (statements)
                    {
                        statements.Add(text);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        await action();
        return statements;
    }
}
