using System.Collections.Concurrent;

namespace FlexMigrate.Core.Testing;

/// <summary>
/// Named points where the crash tests stop a real <c>flexmigrate</c> process deterministically: when
/// <c>FLEXMIGRATE_TEST_PAUSE_AT</c> names a point, the code reaching it appends the point's name to the file
/// <c>FLEXMIGRATE_TEST_PAUSE_MARKER</c> and waits, so the test knows the process stands exactly there when it sends
/// SIGKILL, or kills a server under it and then lets it go on by creating the file <c>&lt;marker&gt;.release</c>.
/// Unset (always, outside the crash tests) a point costs one dictionary lookup.
/// <para>
/// The variable lists points separated by commas, each <c>name</c>, <c>name#n</c> (pause from the n-th time the
/// point is reached on; earlier ones pass) or <c>name@other</c> (pause at <c>name</c> once the point <c>other</c>
/// has been reached, e.g. <c>apply-commit@cutover-stop-writes</c>: the drain after the source stopped writes). Every
/// hit from then on pauses too, so with <c>chunk-commit</c> all chunks in flight stop before their commit and the
/// marker gets one line per chunk.
/// </para>
/// <para>
/// The points: <c>precheck</c> (start of the precheck), <c>create-table</c> (after each CREATE TABLE),
/// <c>chunk-commit</c> (a chunk loaded and its ledger completion written, before the commit), <c>add-indexes</c>
/// (after a table's index ALTER), <c>metadata</c> (after each view, routine, trigger or event), <c>validate-table</c>
/// (start of a table's validation), <c>apply-commit</c> (replayed changes and their checkpoint written, before the
/// commit), <c>cutover-stop-writes</c> / <c>cutover-resume-writes</c> (after setting the source's read_only),
/// <c>cutover-auto-increment</c> (after the counters are synced), <c>reverse-start</c> (reverse replication after a
/// cutover begins: the old source's triggers and events dropped). In reverse the cutover points are the rollback's
/// (<c>cutover-stop-writes#2</c>: the target set read-only by a rollback).
/// </para>
/// </summary>
public static class PausePoint
{
    public const string Variable = "FLEXMIGRATE_TEST_PAUSE_AT";
    public const string MarkerVariable = "FLEXMIGRATE_TEST_PAUSE_MARKER";

    private static readonly IReadOnlyDictionary<string, (int From, string? After)> Points = Parse(Environment.GetEnvironmentVariable(Variable));
    private static readonly ConcurrentDictionary<string, int> Hits = new(StringComparer.Ordinal);
    private static readonly Lock MarkerLock = new();

    /// <summary>Pauses here when the test asks, until it releases the point, kills the process or cancels.</summary>
    public static async Task ReachAsync(string name, CancellationToken cancellationToken = default)
    {
        if (Points.Count == 0)
        {
            return;
        }

        var hits = Hits.AddOrUpdate(name, 1, (_, n) => n + 1);
        if (!Points.TryGetValue(name, out var point) || hits < point.From || (point.After is { } after && !Hits.ContainsKey(after)))
        {
            return;
        }

        if (Environment.GetEnvironmentVariable(MarkerVariable) is not { Length: > 0 } marker)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            return;
        }

        lock (MarkerLock)
        {
            File.AppendAllText(marker, name + "\n");
        }

        while (!File.Exists(marker + ".release"))
        {
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
    }

    private static Dictionary<string, (int From, string? After)> Parse(string? value)
    {
        var points = new Dictionary<string, (int, string?)>(StringComparer.Ordinal);
        foreach (var item in (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (item.Split('@', 2) is [var name, var after])
            {
                points[name] = (1, after);
                continue;
            }

            var parts = item.Split('#', 2);
            points[parts[0]] = (parts.Length == 2 && int.TryParse(parts[1], out var n) && n > 0 ? n : 1, null);
        }

        return points;
    }
}
