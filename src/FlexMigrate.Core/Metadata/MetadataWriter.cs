using FlexMigrate.Core.Schema;

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
    public async Task<IReadOnlyList<MigrationNote>> CreateRoutinesAsync(IReadOnlyList<RoutineSchema> routines, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(routines);
        await using var target = await ServerSession.OpenAsync(connectionString, "target", ct);
        var session = new StoredObjectSession(target);
        var notes = new List<MigrationNote>();
        foreach (var routine in routines)
        {
            var kind = routine.Kind == RoutineKind.Procedure ? "PROCEDURE" : "FUNCTION";
            if (await ExistsAsync(target,
                "SELECT COUNT(*) AS N FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = @db AND ROUTINE_NAME = @n AND ROUTINE_TYPE = @k",
                routine.Name, kind, ct))
            {
                continue;
            }

            var ddl = MetadataDdlPlanner.StoredObject(kind.ToLowerInvariant(), routine.Name, routine.CreateStatement, routine.Context, options);
            await CreateAsync(session, "CREATE " + kind, routine.Name, ddl, routine.Context, null, notes, ct);
        }

        return notes;
    }

    /// <summary>Creates triggers the target lacks, in firing order per table.</summary>
    public async Task<IReadOnlyList<MigrationNote>> CreateTriggersAsync(IReadOnlyList<TriggerSchema> triggers, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(triggers);
        await using var target = await ServerSession.OpenAsync(connectionString, "target", ct);
        var session = new StoredObjectSession(target);
        var notes = new List<MigrationNote>();
        foreach (var trigger in triggers)
        {
            if (await ExistsAsync(target,
                "SELECT COUNT(*) AS N FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = @db AND TRIGGER_NAME = @n", trigger.Name, null, ct))
            {
                continue;
            }

            var ddl = MetadataDdlPlanner.StoredObject("trigger", trigger.Name, trigger.CreateStatement, trigger.Context, options);
            await CreateAsync(session, "CREATE TRIGGER", trigger.Name, ddl, trigger.Context, null, notes, ct);
        }

        return notes;
    }

    /// <summary>Creates events the target lacks, each in the time zone its schedule was written in.</summary>
    public async Task<IReadOnlyList<MigrationNote>> CreateEventsAsync(IReadOnlyList<EventSchema> events, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        await using var target = await ServerSession.OpenAsync(connectionString, "target", ct);
        var session = new StoredObjectSession(target);
        var notes = new List<MigrationNote>();
        foreach (var ev in events)
        {
            if (await ExistsAsync(target,
                "SELECT COUNT(*) AS N FROM information_schema.EVENTS WHERE EVENT_SCHEMA = @db AND EVENT_NAME = @n", ev.Name, null, ct))
            {
                continue;
            }

            var ddl = MetadataDdlPlanner.StoredObject("event", ev.Name, ev.CreateStatement, ev.Context, options);
            await CreateAsync(session, "CREATE EVENT", ev.Name, ddl, ev.Context, ev.TimeZone, notes, ct);
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
    }

    private static async Task<bool> ExistsAsync(ServerSession target, string sql, ObjectName name, string? kind, CancellationToken ct)
    {
        var rows = await target.QueryAsync(sql, ct, ("@db", name.Database), ("@n", name.Name), ("@k", kind));
        return rows[0].Long("N") > 0;
    }
}
