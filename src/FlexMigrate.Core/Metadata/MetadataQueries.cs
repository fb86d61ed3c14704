using FlexMigrate.Core.Schema;
using FlexMigrate.Core.Sql;

namespace FlexMigrate.Core.Metadata;

/// <summary>
/// Reads views, routines, triggers and events of the selected databases: the list and attributes from information_schema
/// in one set query per kind for all of them (<see cref="DatabaseSetQuery"/>),
/// the exact definition from SHOW CREATE (the form the server itself re-executes) as bytes: callers run these inside
/// <see cref="ServerSession.WithBinaryResultsAsync{T}"/>, so a definition arrives in its creating client's character
/// set, unconverted.
/// </summary>
internal static class MetadataQueries
{
    public static async Task<List<ViewSchema>> ReadViewsAsync(
        ServerSession session, IReadOnlyList<string> databases, Func<string, string, bool> include, CancellationToken ct)
    {
        var views = new List<ViewSchema>();
        var rows = await DatabaseSetQuery.QueryAsync(Runner(session, ct), databases,
            "SELECT * FROM information_schema.VIEWS", "TABLE_SCHEMA", "TABLE_SCHEMA, TABLE_NAME");
        var listed = rows.Where(r => include(r.Text("TABLE_SCHEMA"), r.Text("TABLE_NAME")))
            .Select(r => (Row: r, Name: new ObjectName(r.Text("TABLE_SCHEMA"), r.Text("TABLE_NAME")))).ToList();
        var shows = await ShowCreateBatch.ReadAsync(session, [.. listed.Select(v => ("VIEW", v.Name))], ct);
        foreach (var ((row, name), show) in listed.Zip(shows))
        {
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
        ServerSession session, IReadOnlyList<string> databases, List<MigrationNote> notes, CancellationToken ct)
    {
        var routines = new List<RoutineSchema>();
        var rows = await DatabaseSetQuery.QueryAsync(Runner(session, ct), databases,
            "SELECT * FROM information_schema.ROUTINES", "ROUTINE_SCHEMA", "ROUTINE_SCHEMA, ROUTINE_TYPE DESC, ROUTINE_NAME");
        var listed = new List<(DbRow Row, ObjectName Name, string Type)>();
        foreach (var row in rows)
        {
            var name = new ObjectName(row.Text("ROUTINE_SCHEMA"), row.Text("ROUTINE_NAME"));
            var type = row.Text("ROUTINE_TYPE");
            if (type is not ("PROCEDURE" or "FUNCTION"))
            {
                notes.Add(new MigrationNote(NoteSeverity.Warning, name.ToString(),
                    $"Not migrated: {type} routines (MariaDB packages) are not supported; create it on the target by hand."));
                continue;
            }

            listed.Add((row, name, type));
        }

        var shows = await ShowCreateBatch.ReadAsync(session, [.. listed.Select(r => (r.Type, r.Name))], ct);
        foreach (var ((row, name, type), show) in listed.Zip(shows))
        {
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

    /// <summary>
    /// The triggers of the databases with one information_schema query per batch of databases (then SHOW CREATE for
    /// each). Filtered on EVENT_OBJECT_SCHEMA, the table's schema (a trigger always lives in its table's database), which
    /// the server looks up: on TRIGGER_SCHEMA it opens every table of every database on the server, 0.25 s per query at
    /// 10,000 tables, which made 1,000 databases' schema read take 221 s (issue 20).
    /// </summary>
    public static async Task<List<TriggerSchema>> ReadTriggersAsync(
        ServerSession session, IReadOnlyList<string> databases, Func<string, string, bool> includeTable, CancellationToken ct)
    {
        var triggers = new List<TriggerSchema>();
        var rows = await DatabaseSetQuery.QueryAsync(Runner(session, ct), databases,
            "SELECT * FROM information_schema.TRIGGERS", "EVENT_OBJECT_SCHEMA",
            "EVENT_OBJECT_SCHEMA, EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, ACTION_ORDER, TRIGGER_NAME");
        var listed = rows.Where(r => includeTable(r.Text("TRIGGER_SCHEMA"), r.Text("EVENT_OBJECT_TABLE")))
            .Select(r => (Row: r, Name: new ObjectName(r.Text("TRIGGER_SCHEMA"), r.Text("TRIGGER_NAME")))).ToList();
        var shows = await ShowCreateBatch.ReadAsync(session, [.. listed.Select(t => ("TRIGGER", t.Name))], ct);
        foreach (var ((row, name), show) in listed.Zip(shows))
        {
            triggers.Add(new TriggerSchema(
                name, row.Text("EVENT_OBJECT_TABLE"), row.Long("ACTION_ORDER") ?? 0, row.Text("DEFINER"),
                Definition(show, "SQL Original Statement"), ContextOf(show)));
        }

        return triggers;
    }

    /// <summary>The events of the databases with one information_schema query per batch of databases (then SHOW CREATE for each).</summary>
    public static async Task<List<EventSchema>> ReadEventsAsync(ServerSession session, IReadOnlyList<string> databases, CancellationToken ct)
    {
        var events = new List<EventSchema>();
        var rows = await DatabaseSetQuery.QueryAsync(Runner(session, ct), databases,
            "SELECT * FROM information_schema.EVENTS", "EVENT_SCHEMA", "EVENT_SCHEMA, EVENT_NAME");
        var names = rows.Select(r => new ObjectName(r.Text("EVENT_SCHEMA"), r.Text("EVENT_NAME"))).ToList();
        var shows = await ShowCreateBatch.ReadAsync(session, [.. names.Select(n => ("EVENT", n))], ct);
        foreach (var ((row, name), show) in rows.Zip(names).Zip(shows))
        {
            var context = ContextOf(show);
            events.Add(new EventSchema(name, row.Text("DEFINER"), show.Text("time_zone"),
                InClientCharset(Definition(show, "Create Event"), "EVENT", context), context));
        }

        return events;
    }

    private static DatabaseSetQuery.Runner Runner(ServerSession session, CancellationToken ct) =>
        (sql, parameters) => session.QueryAsync(sql, ct, parameters);

    private static byte[] Definition(DbRow show, string column) => show.Bytes(column) ?? [];

    private static byte[] InClientCharset(byte[] definition, string kind, StoredObjectContext context) =>
        DefinitionComment.InClientCharset(new StatementBytes(definition, context.Charset), kind, context.SqlMode).Bytes.ToArray();

    private static StoredObjectContext ContextOf(DbRow show) => new(
        show.Text("sql_mode"), show.Text("character_set_client"), show.Text("collation_connection"), show.Text("Database Collation"));
}
