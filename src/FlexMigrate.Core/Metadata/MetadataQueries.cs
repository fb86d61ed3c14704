using FlexMigrate.Core.Schema;
using FlexMigrate.Core.Sql;

namespace FlexMigrate.Core.Metadata;

/// <summary>
/// Reads views, routines, triggers and events of one database: the list and attributes from information_schema,
/// the exact definition from SHOW CREATE (the form the server itself re-executes) as bytes: callers run these inside
/// <see cref="ServerSession.WithBinaryResultsAsync{T}"/>, so a definition arrives in its creating client's character
/// set, unconverted.
/// </summary>
internal static class MetadataQueries
{
    public static async Task<List<ViewSchema>> ReadViewsAsync(
        ServerSession session, string database, Func<string, bool> include, CancellationToken ct)
    {
        var views = new List<ViewSchema>();
        var rows = await session.QueryAsync(
            "SELECT * FROM information_schema.VIEWS WHERE TABLE_SCHEMA = @db ORDER BY TABLE_NAME", ct, ("@db", database));
        foreach (var row in rows.Where(r => include(r.Text("TABLE_NAME"))))
        {
            var name = new ObjectName(database, row.Text("TABLE_NAME"));
            var show = await ShowCreateAsync(session, "VIEW", name, ct);
            views.Add(new ViewSchema(
                name,
                row.Text("DEFINER"),
                row.Text("SECURITY_TYPE"),
                row.Text("CHECK_OPTION"),
                Definition(show, "Create View"),
                new StoredObjectContext(null, show.Text("character_set_client"), show.Text("collation_connection"), null),
                []));
        }

        return views;
    }

    public static async Task<List<RoutineSchema>> ReadRoutinesAsync(
        ServerSession session, string database, List<MigrationNote> notes, CancellationToken ct)
    {
        var routines = new List<RoutineSchema>();
        var rows = await session.QueryAsync(
            "SELECT * FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = @db ORDER BY ROUTINE_TYPE DESC, ROUTINE_NAME",
            ct, ("@db", database));
        foreach (var row in rows)
        {
            var name = new ObjectName(database, row.Text("ROUTINE_NAME"));
            var type = row.Text("ROUTINE_TYPE");
            if (type is not ("PROCEDURE" or "FUNCTION"))
            {
                notes.Add(new MigrationNote(NoteSeverity.Warning, name.ToString(),
                    $"Not migrated: {type} routines (MariaDB packages) are not supported; create it on the target by hand."));
                continue;
            }

            var show = await ShowCreateAsync(session, type, name, ct);
            var text = show.Bytes(type == "PROCEDURE" ? "Create Procedure" : "Create Function")
                ?? throw new SchemaMigrationException(
                    $"The source server {session.Server} returned no definition for {type.ToLowerInvariant()} {name}: the "
                    + "migration user needs SELECT on mysql.proc (MySQL 5.x, MariaDB) or SHOW_ROUTINE / global SELECT (MySQL 8.0). "
                    + "Grant it and rerun.", name.ToString(), null, null);
            var context = ContextOf(show);
            routines.Add(new RoutineSchema(name, type == "PROCEDURE" ? RoutineKind.Procedure : RoutineKind.Function, row.Text("DEFINER"),
                InClientCharset(text, type, context), context));
        }

        return routines;
    }

    public static Task<List<TriggerSchema>> ReadTriggersAsync(
        ServerSession session, string database, Func<string, bool> includeTable, CancellationToken ct) =>
        ReadTriggersAsync(session, [database], (_, table) => includeTable(table), ct);

    /// <summary>The triggers of several databases with one information_schema query (then SHOW CREATE for each).</summary>
    public static async Task<List<TriggerSchema>> ReadTriggersAsync(
        ServerSession session, IReadOnlyList<string> databases, Func<string, string, bool> includeTable, CancellationToken ct)
    {
        var triggers = new List<TriggerSchema>();
        var list = SqlInList.Of(databases);
        var rows = await session.QueryAsync(
            $"SELECT * FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA IN ({list.Placeholders}) "
            + "ORDER BY TRIGGER_SCHEMA, EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, ACTION_ORDER, TRIGGER_NAME", ct, list.Parameters);
        // information_schema may compare names case-insensitively; the selection is exact.
        foreach (var row in rows.Where(r => databases.Contains(r.Text("TRIGGER_SCHEMA")) && includeTable(r.Text("TRIGGER_SCHEMA"), r.Text("EVENT_OBJECT_TABLE"))))
        {
            var name = new ObjectName(row.Text("TRIGGER_SCHEMA"), row.Text("TRIGGER_NAME"));
            var show = await ShowCreateAsync(session, "TRIGGER", name, ct);
            triggers.Add(new TriggerSchema(
                name, row.Text("EVENT_OBJECT_TABLE"), row.Long("ACTION_ORDER") ?? 0, row.Text("DEFINER"),
                Definition(show, "SQL Original Statement"), ContextOf(show)));
        }

        return triggers;
    }

    public static Task<List<EventSchema>> ReadEventsAsync(ServerSession session, string database, CancellationToken ct) =>
        ReadEventsAsync(session, [database], ct);

    /// <summary>The events of several databases with one information_schema query (then SHOW CREATE for each).</summary>
    public static async Task<List<EventSchema>> ReadEventsAsync(ServerSession session, IReadOnlyList<string> databases, CancellationToken ct)
    {
        var events = new List<EventSchema>();
        var list = SqlInList.Of(databases);
        var rows = await session.QueryAsync(
            $"SELECT * FROM information_schema.EVENTS WHERE EVENT_SCHEMA IN ({list.Placeholders}) ORDER BY EVENT_SCHEMA, EVENT_NAME", ct, list.Parameters);
        foreach (var row in rows.Where(r => databases.Contains(r.Text("EVENT_SCHEMA"))))
        {
            var name = new ObjectName(row.Text("EVENT_SCHEMA"), row.Text("EVENT_NAME"));
            var show = await ShowCreateAsync(session, "EVENT", name, ct);
            var context = ContextOf(show);
            events.Add(new EventSchema(name, row.Text("DEFINER"), show.Text("time_zone"),
                InClientCharset(Definition(show, "Create Event"), "EVENT", context), context));
        }

        return events;
    }

    private static byte[] Definition(DbRow show, string column) => show.Bytes(column) ?? [];

    private static byte[] InClientCharset(byte[] definition, string kind, StoredObjectContext context) =>
        DefinitionComment.InClientCharset(new StatementBytes(definition, context.Charset), kind, context.SqlMode).Bytes.ToArray();

    private static StoredObjectContext ContextOf(DbRow show) => new(
        show.Text("sql_mode"), show.Text("character_set_client"), show.Text("collation_connection"), show.Text("Database Collation"));

    private static async Task<DbRow> ShowCreateAsync(ServerSession session, string kind, ObjectName name, CancellationToken ct)
    {
        try
        {
            var rows = await session.QueryAsync($"SHOW CREATE {kind} {name}", ct);
            return rows[0];
        }
        catch (MySqlConnector.MySqlException ex)
        {
            throw new SchemaMigrationException(
                $"Cannot read {kind.ToLowerInvariant()} {name} on the {session.Describe}: {ex.Message} (error {ex.Number}). "
                + "Fix the object on the source (e.g. a view over a dropped table) or exclude it, then rerun.",
                name.ToString(), ex.Number, ex);
        }
    }
}
