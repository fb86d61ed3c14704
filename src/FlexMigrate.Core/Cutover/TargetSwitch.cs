using System.Diagnostics;
using FlexMigrate.Core.Metadata;
using FlexMigrate.Core.Schema;

namespace FlexMigrate.Core.Cutover;

/// <summary>
/// Switches the target on at cutover, once writes have stopped and replay has drained (triggers and events must
/// never act on replayed rows, docs/online.md): creates the source's triggers and events as they are now and raises
/// the AUTO_INCREMENT counters to the source's. This is the downtime, so it does only what the switch needs and does
/// the independent parts at once, each on its own connections: the counters (<see cref="AutoIncrementSync"/>) beside
/// the objects, read and created on several session pairs with whole databases each (a database's triggers, then its
/// events). It reads only the triggers and events from the source (not the whole schema).
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
        var objects = InPartitionsAsync(selection, new MetadataWriter(targetConnectionString, options), ct);
        try
        {
            var parts = await objects;
            var (raised, countersSeconds) = await counters;
            return new TargetSwitchResult([.. parts.SelectMany(p => p.Notes)], parts.Sum(p => p.Triggers), parts.Sum(p => p.Events), raised,
                parts.Max(p => p.ReadSeconds), parts.Max(p => p.CreateSeconds), countersSeconds);
        }
        finally
        {
            // Never return (or fail) while a part still writes to the target: the undo must see everything created.
            await Task.WhenAll(counters, objects).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    /// <summary>
    /// Reads and creates the triggers and events on up to <see cref="Sessions"/> pairs of sessions at once, whole
    /// databases per pair: each reads its databases' triggers and events from the source (one set query per kind, a
    /// SHOW CREATE each) and creates them on the target, the triggers in source order (a table's keep their firing
    /// order) then the events. The switch is round trips, and on a busy server each waits its turn, so several in
    /// flight shorten it where one session would wait for each in a row; and a pair creates as soon as its own reads are
    /// done instead of after every database's. No two sessions touch one database: creating a trigger or event may switch
    /// its database's collation to the one the object was made under and back (MetadataWriter, as mysqldump does), and
    /// two sessions doing that to one database made objects under the wrong collation (OnlineStoredObjectFidelityTests
    /// caught it when triggers and events of one database were on different sessions; issue 12).
    /// </summary>
    private async Task<SessionPart[]> InPartitionsAsync(SchemaSelection selection, MetadataWriter writer, CancellationToken ct)
    {
        var reader = new SchemaReader(sourceConnectionString);
        var partitions = selection.Databases.Select((database, i) => (database, session: i % Sessions))
            .GroupBy(d => d.session, d => d.database).Select(g => selection with { Databases = [.. g] }).ToList();
        if (partitions.Count == 0)
        {
            return [new SessionPart([], 0, 0, 0, 0)];
        }

        return await Task.WhenAll(partitions.Select(async part =>
        {
            var ((triggers, events), readSeconds) = await Timed(() => reader.ReadTriggersAndEventsAsync(part, ct));
            var (notes, createSeconds) = await Timed(() => writer.CreateTriggersAndEventsAsync(triggers, events, ct));
            return new SessionPart(notes, triggers.Count, events.Count, readSeconds, createSeconds);
        }));
    }

    /// <summary>What one session pair read and created, and how long each took.</summary>
    private sealed record SessionPart(IReadOnlyList<MigrationNote> Notes, int Triggers, int Events, double ReadSeconds, double CreateSeconds);

    private static async Task<(T Value, double Seconds)> Timed<T>(Func<Task<T>> part)
    {
        var watch = Stopwatch.StartNew();
        var value = await part();
        return (value, Math.Round(watch.Elapsed.TotalSeconds, 3));
    }
}
