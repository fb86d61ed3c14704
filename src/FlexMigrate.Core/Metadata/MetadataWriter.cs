using FlexMigrate.Core.Schema;
using FlexMigrate.Core.Testing;

namespace FlexMigrate.Core.Metadata;

/// <summary>
/// Creates views, routines, triggers and events on the target, one phase per method, after the data is loaded
/// (triggers must not fire during the load). Every phase is idempotent: views are CREATE OR REPLACE; routines,
/// triggers and events already present are skipped (creating them in source order keeps trigger order). Each object
/// is created under the settings it was created with on the source (<see cref="StoredObjectSession"/>) and in its
/// database (SHOW CREATE prints unqualified names).
/// </summary>
/// <param name="connectionString">Target connection string (MySqlConnector format).</param>
/// <param name="options">Definer policy.</param>
public sealed class MetadataWriter(string connectionString, SchemaOptions options)
{
    /// <summary>Creates <paramref name="views"/> in dependency order (<see cref="ViewOrderer"/>), never over placeholders.</summary>
    public async Task<IReadOnlyList<MigrationNote>> CreateViewsAsync(IReadOnlyList<ViewSchema> views, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(views);
        var ordered = ViewOrderer.Order(views);
        await using var target = await ServerSession.OpenAsync(connectionString, "target", ct);
        var session = new StoredObjectSession(target);
        var notes = new List<MigrationNote>();
        foreach (var view in ordered)
        {
            var ddl = MetadataDdlPlanner.View(view, options);
            await CreateAsync(session, "CREATE VIEW", view.Name, ddl, view.Context, null, notes, ct);
        }

        return notes;
    }

    /// <summary>Creates stored procedures and functions the target lacks.</summary>
    public Task<IReadOnlyList<MigrationNote>> CreateRoutinesAsync(IReadOnlyList<RoutineSchema> routines, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(routines);
        return CreateMissingAsync(routines, r => new StoredObject(
            r.Kind == RoutineKind.Procedure ? "PROCEDURE" : "FUNCTION", r.Name, r.CreateStatement, r.Context, null), ct);
    }

    /// <summary>Creates triggers the target lacks, in firing order per table.</summary>
    public Task<IReadOnlyList<MigrationNote>> CreateTriggersAsync(IReadOnlyList<TriggerSchema> triggers, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(triggers);
        return CreateMissingAsync(triggers, t => new StoredObject("TRIGGER", t.Name, t.CreateStatement, t.Context, null), ct);
    }

    /// <summary>Creates events the target lacks, each in the time zone its schedule was written in.</summary>
    public Task<IReadOnlyList<MigrationNote>> CreateEventsAsync(IReadOnlyList<EventSchema> events, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        return CreateMissingAsync(events, e => new StoredObject("EVENT", e.Name, e.CreateStatement, e.Context, e.TimeZone), ct);
    }

    private async Task<IReadOnlyList<MigrationNote>> CreateMissingAsync<T>(
        IReadOnlyList<T> objects, Func<T, StoredObject> describe, CancellationToken ct)
    {
        await using var target = await ServerSession.OpenAsync(connectionString, "target", ct);
        var session = new StoredObjectSession(target);
        var notes = new List<MigrationNote>();
        foreach (var o in objects.Select(describe))
        {
            if (await ExistsAsync(target, o, ct))
            {
                continue;
            }

            var ddl = MetadataDdlPlanner.StoredObject(o.Kind.ToLowerInvariant(), o.Name, o.CreateStatement, o.Context, options);
            await CreateAsync(session, "CREATE " + o.Kind, o.Name, ddl, o.Context, o.TimeZone, notes, ct);
        }

        return notes;
    }

    private static async Task CreateAsync(
        StoredObjectSession session, string what, ObjectName name, ObjectDdl ddl, StoredObjectContext context, string? timeZone,
        List<MigrationNote> notes, CancellationToken ct)
    {
        await session.Target.UseDatabaseAsync(name.Database, ct);
        notes.AddRange(await session.EnterAsync(name, ddl.Sql, context, timeZone, ct));
        try
        {
            await TargetDdlExecutor.RunAsync(session.Target, what, name.ToString(), ddl.Sql, ct);
        }
        finally
        {
            await session.LeaveAsync(ct);
        }

        if (ddl.Note is { } note)
        {
            notes.Add(note);
        }

        await PausePoint.ReachAsync("metadata", ct);
    }

    private static async Task<bool> ExistsAsync(ServerSession target, StoredObject o, CancellationToken ct)
    {
        var sql = o.Kind switch
        {
            "TRIGGER" => "SELECT COUNT(*) AS N FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = @db AND TRIGGER_NAME = @n",
            "EVENT" => "SELECT COUNT(*) AS N FROM information_schema.EVENTS WHERE EVENT_SCHEMA = @db AND EVENT_NAME = @n",
            _ => "SELECT COUNT(*) AS N FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = @db AND ROUTINE_NAME = @n AND ROUTINE_TYPE = @k",
        };
        var rows = await target.QueryAsync(sql, ct, ("@db", o.Name.Database), ("@n", o.Name.Name), ("@k", o.Kind));
        return rows[0].Long("N") > 0;
    }

    /// <summary>What the create loop needs of a routine, trigger or event.</summary>
    private sealed record StoredObject(string Kind, ObjectName Name, string CreateStatement, StoredObjectContext Context, string? TimeZone);
}
