using System.Diagnostics;
using FlexMigrate.Core.Metadata;
using FlexMigrate.Core.Schema;

namespace FlexMigrate.Core.Cutover;

/// <summary>
/// Switches the target on at cutover, once writes have stopped and replay has drained (triggers and events must
/// never act on replayed rows, docs/online.md): creates the source's triggers and events as they are now and raises
/// the AUTO_INCREMENT counters to the source's. This is the downtime, so it does only what the switch needs and does
/// the independent parts at once, each on its own connections: the counters (<see cref="AutoIncrementSync"/>) beside
/// the objects, created triggers first, then events, each kind on several sessions with whole databases each. It reads only the triggers and events from the source (not the whole schema).
/// Idempotent: present triggers and events are skipped, counters are only raised. A failure leaves what was created
/// for <see cref="TargetSwitchUndo"/> to drop.
/// </summary>
/// <param name="sourceConnectionString">The server whose objects and counters are taken (the old source in reverse: the target).</param>
/// <param name="targetConnectionString">The server switched on.</param>
/// <param name="options">Definer policy.</param>
public sealed class TargetSwitch(string sourceConnectionString, string targetConnectionString, SchemaOptions options)
{
    // Target sessions per kind of object (triggers, events), each with whole databases.
    private const int Sessions = 4;

    /// <summary>Creates the selected triggers and events and raises the counters.</summary>
    /// <exception cref="SchemaMigrationException">The target rejected a trigger or event (named in the message).</exception>
    public async Task<TargetSwitchResult> SwitchOnAsync(SchemaSelection selection, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var counters = Timed(() => new AutoIncrementSync(sourceConnectionString, targetConnectionString).SyncAsync(selection, ct));
        var read = Timed(() => new SchemaReader(sourceConnectionString).ReadTriggersAndEventsAsync(selection, ct));
        try
        {
            var (objects, readSeconds) = await read;
            var writer = new MetadataWriter(targetConnectionString, options);
            // Events after triggers, not beside them: creating either may switch its database's collation to the one the
            // object was made under and back (MetadataWriter, as mysqldump does); two sessions switching one database at
            // once made events under the triggers' restored collation (OnlineStoredObjectFidelityTests caught it). Within
            // one kind each session has whole databases, so no two touch one database.
            var triggers = await Timed(() => InPartitionsAsync(objects.Triggers, t => t.Name.Database, writer.CreateTriggersAsync, ct));
            var events = await Timed(() => InPartitionsAsync(objects.Events, e => e.Name.Database, writer.CreateEventsAsync, ct));
            var (raised, countersSeconds) = await counters;
            return new TargetSwitchResult(
                [.. triggers.Value, .. events.Value],
                objects.Triggers.Count, objects.Events.Count, raised, readSeconds, triggers.Seconds, events.Seconds, countersSeconds);
        }
        finally
        {
            // Never return (or fail) while a part still writes to the target: the undo must see everything created.
            await Task.WhenAll(counters, read).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    /// <summary>
    /// Creates <paramref name="objects"/> on up to <see cref="Sessions"/> target sessions at once, whole databases per
    /// session (so a table's triggers keep their firing order): the switch is round trips, and on a busy server each
    /// waits its turn, so several in flight shorten it where one session would wait for each in a row.
    /// </summary>
    private static async Task<IReadOnlyList<MigrationNote>> InPartitionsAsync<T>(IReadOnlyList<T> objects, Func<T, string> database,
        Func<IReadOnlyList<T>, CancellationToken, Task<IReadOnlyList<MigrationNote>>> create, CancellationToken ct)
    {
        var partitions = objects.GroupBy(database, StringComparer.Ordinal)
            .Select((group, i) => (group, i))
            .GroupBy(g => g.i % Sessions, g => g.group)
            .Select(p => (IReadOnlyList<T>)p.SelectMany(g => g).ToList())
            .ToList();
        var notes = await Task.WhenAll(partitions.Select(p => create(p, ct)));
        return notes.SelectMany(n => n).ToList();
    }

    private static async Task<(T Value, double Seconds)> Timed<T>(Func<Task<T>> part)
    {
        var watch = Stopwatch.StartNew();
        var value = await part();
        return (value, Math.Round(watch.Elapsed.TotalSeconds, 3));
    }
}
