using System.Diagnostics;
using FlexMigrate.Core.Metadata;
using FlexMigrate.Core.Schema;

namespace FlexMigrate.Core.Cutover;

/// <summary>
/// Switches the target on at cutover, once writes have stopped and replay has drained (triggers and events must
/// never act on replayed rows, docs/online.md): creates the source's triggers and events as they are now and raises
/// the AUTO_INCREMENT counters to the source's. This is the downtime, so it does only what the switch needs and does
/// the independent parts at once, each on its own connections: the counters (<see cref="AutoIncrementSync"/>) beside
/// the objects, created on several sessions with whole databases each (a database's triggers, then its events). It
/// reads only the triggers and events from the source (not the whole schema).
/// Idempotent: present triggers and events are skipped, counters are only raised. A failure leaves what was created
/// for <see cref="TargetSwitchUndo"/> to drop.
/// </summary>
/// <param name="sourceConnectionString">The server whose objects and counters are taken (the old source in reverse: the target).</param>
/// <param name="targetConnectionString">The server switched on.</param>
/// <param name="options">Definer policy.</param>
public sealed class TargetSwitch(string sourceConnectionString, string targetConnectionString, SchemaOptions options)
{
    // Target sessions creating triggers and events at once, each with whole databases.
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
            var created = await Timed(() => InPartitionsAsync(objects.Triggers, objects.Events, writer, ct));
            var (raised, countersSeconds) = await counters;
            return new TargetSwitchResult(created.Value, objects.Triggers.Count, objects.Events.Count, raised, readSeconds, created.Seconds, countersSeconds);
        }
        finally
        {
            // Never return (or fail) while a part still writes to the target: the undo must see everything created.
            await Task.WhenAll(counters, read).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    /// <summary>
    /// Creates the triggers and events on up to <see cref="Sessions"/> target sessions at once, whole databases per
    /// session, each session its databases' triggers (in source order, so a table's keep their firing order) then
    /// their events: the switch is round trips, and on a busy server each waits its turn, so several in flight shorten
    /// it where one session would wait for each in a row. Both kinds go at once yet no two sessions touch one database:
    /// creating either may switch its database's collation to the one the object was made under and back (MetadataWriter,
    /// as mysqldump does), and two sessions doing that to one database made objects under the wrong collation
    /// (OnlineStoredObjectFidelityTests caught it when triggers and events of one database were on different sessions).
    /// </summary>
    private static async Task<IReadOnlyList<MigrationNote>> InPartitionsAsync(IReadOnlyList<TriggerSchema> triggers, IReadOnlyList<EventSchema> events,
        MetadataWriter writer, CancellationToken ct)
    {
        var databases = triggers.Select(t => t.Name.Database).Concat(events.Select(e => e.Name.Database)).Distinct(StringComparer.Ordinal)
            .Select((database, i) => (database, session: i % Sessions))
            .ToDictionary(d => d.database, d => d.session, StringComparer.Ordinal);
        var notes = await Task.WhenAll(Enumerable.Range(0, Math.Min(Sessions, databases.Count)).Select(session => writer.CreateTriggersAndEventsAsync(
            [.. triggers.Where(t => databases[t.Name.Database] == session)], [.. events.Where(e => databases[e.Name.Database] == session)], ct)));
        return notes.SelectMany(n => n).ToList();
    }

    private static async Task<(T Value, double Seconds)> Timed<T>(Func<Task<T>> part)
    {
        var watch = Stopwatch.StartNew();
        var value = await part();
        return (value, Math.Round(watch.Elapsed.TotalSeconds, 3));
    }
}
