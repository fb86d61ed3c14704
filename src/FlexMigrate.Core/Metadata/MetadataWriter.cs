using FlexMigrate.Core.Schema;
using FlexMigrate.Core.Sql;
using FlexMigrate.Core.Testing;

namespace FlexMigrate.Core.Metadata;

/// <summary>
/// Creates views, routines, triggers and events on the target, one phase per method, after the data is loaded
/// (triggers must not fire during the load). Every phase is idempotent: views are CREATE OR REPLACE; routines,
/// triggers and events already present are skipped (creating them in source order keeps trigger order).
/// </summary>
/// <remarks>
/// Each object is created as the source stores it, as mysqldump re-creates it: its definition's exact bytes, sent by
/// <see cref="RawSqlSession"/> under the session it was created in (sql_mode fitted to the target, character_set_client,
/// collation_connection, an event's time_zone), in its database, with the database's collation switched to the one the
/// object recorded when they differ (the server stores the database's collation at creation, not the session's).
/// </remarks>
/// <param name="connectionString">Target connection string (MySqlConnector format).</param>
/// <param name="options">Definer policy.</param>
public sealed class MetadataWriter(string connectionString, SchemaOptions options)
{
    /// <summary>Creates <paramref name="views"/> in dependency order (<see cref="ViewOrderer"/>), never over placeholders.</summary>
    public async Task<IReadOnlyList<MigrationNote>> CreateViewsAsync(IReadOnlyList<ViewSchema> views, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(views);
        var ordered = ViewOrderer.Order(views);
        await using var raw = await RawSqlSession.OpenAsync(connectionString, "target", ct);
        var notes = new List<MigrationNote>();
        foreach (var view in ordered)
        {
            var ddl = MetadataDdlPlanner.View(view, options);
            await CreateAsync(raw, "CREATE VIEW", view.Name, ddl, view.Context.Session(), notes, ct);
        }

        return notes;
    }

    /// <summary>Creates stored procedures and functions the target lacks.</summary>
    public Task<IReadOnlyList<MigrationNote>> CreateRoutinesAsync(IReadOnlyList<RoutineSchema> routines, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(routines);
        return CreateMissingAsync([.. routines.Select(r => new StoredObject(
            r.Kind == RoutineKind.Procedure ? "PROCEDURE" : "FUNCTION", r.Name, r.Definition, r.Context, null))], ct);
    }

    /// <summary>Creates triggers the target lacks, in firing order per table.</summary>
    public Task<IReadOnlyList<MigrationNote>> CreateTriggersAsync(IReadOnlyList<TriggerSchema> triggers, CancellationToken ct = default) =>
        CreateTriggersAndEventsAsync(triggers, [], ct);

    /// <summary>Creates events the target lacks, each in the time zone its schedule was written in.</summary>
    public Task<IReadOnlyList<MigrationNote>> CreateEventsAsync(IReadOnlyList<EventSchema> events, CancellationToken ct = default) =>
        CreateTriggersAndEventsAsync([], events, ct);

    /// <summary>
    /// Creates the triggers, then the events, the target lacks, on one pair of sessions with one read of what the
    /// target has (the cutover's switch: a session creates whole databases' objects of both kinds, so no other
    /// session switches those databases' collations meanwhile).
    /// </summary>
    public Task<IReadOnlyList<MigrationNote>> CreateTriggersAndEventsAsync(
        IReadOnlyList<TriggerSchema> triggers, IReadOnlyList<EventSchema> events, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(triggers);
        ArgumentNullException.ThrowIfNull(events);
        return CreateMissingAsync(
            [.. triggers.Select(t => new StoredObject("TRIGGER", t.Name, t.Definition, t.Context, null)),
             .. events.Select(e => new StoredObject("EVENT", e.Name, e.Definition, e.Context, e.TimeZone))], ct);
    }

    private async Task<IReadOnlyList<MigrationNote>> CreateMissingAsync(IReadOnlyList<StoredObject> described, CancellationToken ct)
    {
        if (described.Count == 0)
        {
            return [];
        }

        await using var target = await ServerSession.OpenAsync(connectionString, "target", ct);
        await using var raw = await RawSqlSession.OpenAsync(connectionString, "target", ct);
        var notes = new List<MigrationNote>();
        var schedulerOff = 0;
        var databases = await TargetDatabase.ReadAsync(target, described.Select(o => o.Name.Database).Distinct().ToList(), ct);
        foreach (var o in described)
        {
            var database = databases[o.Name.Database];
            if (database.Has(o.Kind, o.Name.Name))
            {
                continue;
            }

            var ddl = MetadataDdlPlanner.StoredObject(o.Kind.ToLowerInvariant(), o.Name, o.Definition, o.Context, options);
            var restore = await SwitchDatabaseCollationAsync(target, database.Collation, o, ct);
            try
            {
                var outcome = await CreateAsync(raw, "CREATE " + o.Kind, o.Name, ddl, o.Context.Session(o.TimeZone), notes, ct);
                schedulerOff += outcome.Warnings.Any(IsSchedulerOff) ? 1 : 0;
            }
            finally
            {
                if (restore is not null)
                {
                    await AlterDatabaseCollationAsync(target, o.Name, restore, ct);
                }
            }
        }

        if (schedulerOff > 0)
        {
            notes.Add(new MigrationNote(NoteSeverity.Warning, raw.Server,
                $"The target's event_scheduler is OFF: the {schedulerOff} event(s) created will not run until it is ON "
                + "(Azure: set the server parameter event_scheduler)."));
        }

        return notes;
    }

    private static async Task<StatementOutcome> CreateAsync(
        RawSqlSession raw, string what, ObjectName name, ObjectDdl ddl, SessionState session, List<MigrationNote> notes, CancellationToken ct)
    {
        var outcome = await TargetDdlExecutor.RunAsync(raw, what, name.ToString(), ddl.Statement, session, name.Database, ct);
        notes.AddRange(Notes(name, outcome));
        if (ddl.Note is { } note)
        {
            notes.Add(note);
        }

        await PausePoint.ReachAsync("metadata", ct);
        return outcome;
    }

    /// <summary>What the target could not take as the source had it, and what it said while creating the object.</summary>
    private static IEnumerable<MigrationNote> Notes(ObjectName name, StatementOutcome outcome) =>
        outcome.Remarks(IsSchedulerOff).Select(r => new MigrationNote(r.Warning ? NoteSeverity.Warning : NoteSeverity.Info, name.ToString(), "Created " + r.Text));

    // Said for every event created while the target's scheduler is off: reported once per phase instead.
    private static bool IsSchedulerOff(string warning) => warning.Contains("Event scheduler is switched off", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Routines, triggers and events record their database's collation at creation (it decides the character set of
    /// parameters and variables declared without one). When the object's differs from the target database's now (the
    /// database was altered after the object was made), the database takes the object's for the CREATE and gets its
    /// own back after, as mysqldump does. Returns the collation to restore, or null.
    /// </summary>
    private static async Task<string?> SwitchDatabaseCollationAsync(ServerSession target, string? current, StoredObject o, CancellationToken ct)
    {
        if (o.Context.DatabaseCollation is not { Length: > 0 } wanted || current is null
            || string.Equals(current, wanted, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        await AlterDatabaseCollationAsync(target, o.Name, wanted, ct);
        return current;
    }

    private static Task AlterDatabaseCollationAsync(ServerSession target, ObjectName name, string collation, CancellationToken ct) =>
        TargetDdlExecutor.RunAsync(target, "ALTER DATABASE (collation the object was created under)", name.ToString(),
            $"ALTER DATABASE {SqlText.Identifier(name.Database)} COLLATE {SqlText.Literal(collation)}", ct);

    /// <summary>
    /// A target database's routines, triggers and events (skipped when present, which makes a retried phase continue
    /// where it stopped) and its collation: read once per phase for all its databases in one set query, not once per
    /// database, object or kind (a cutover creates triggers and events while writes are stopped).
    /// </summary>
    private sealed record TargetDatabase(HashSet<(string Kind, string Name)> Objects, string? Collation)
    {
        // The SCHEMATA branch's KIND: its NAME is the database's collation.
        private const string DatabaseKind = "DATABASE";

        // Routine, trigger and event names compare case-insensitively on every server.
        public bool Has(string kind, string name) => Objects.Contains((kind, name.ToUpperInvariant()));

        public static async Task<Dictionary<string, TargetDatabase>> ReadAsync(ServerSession target, IReadOnlyList<string> databases, CancellationToken ct)
        {
            var result = new Dictionary<string, TargetDatabase>(StringComparer.Ordinal);
            if (databases.Count == 0)
            {
                return result;
            }

            // One statement per batch of databases, each compared with '=' (the server then opens only those
            // databases; IN opens every table of the server, SqlInList): what exists, and the database's collation.
            var rows = await DatabaseSetQuery.QueryAsync((sql, p) => target.QueryAsync(sql, ct, p), databases, StringComparer.Ordinal,
                [new("SELECT EVENT_OBJECT_SCHEMA AS DB, 'TRIGGER' AS KIND, TRIGGER_NAME AS NAME FROM information_schema.TRIGGERS", "EVENT_OBJECT_SCHEMA"),
                 new("SELECT EVENT_SCHEMA, 'EVENT', EVENT_NAME FROM information_schema.EVENTS", "EVENT_SCHEMA"),
                 new("SELECT ROUTINE_SCHEMA, ROUTINE_TYPE, ROUTINE_NAME FROM information_schema.ROUTINES", "ROUTINE_SCHEMA"),
                 new($"SELECT SCHEMA_NAME, '{DatabaseKind}', DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA", "SCHEMA_NAME")],
                "DB", orderBy: null);
            var objects = rows.ToLookup(r => r.Text("DB"), StringComparer.Ordinal);
            foreach (var database in databases)
            {
                var own = objects[database].ToLookup(r => r.Text("KIND") == DatabaseKind);
                result[database] = new TargetDatabase(
                    own[false].Select(r => (r.Text("KIND"), r.Text("NAME").ToUpperInvariant())).ToHashSet(),
                    own[true].Select(r => r.Text("NAME")).FirstOrDefault());
            }

            return result;
        }
    }

    /// <summary>What the create loop needs of a routine, trigger or event.</summary>
    private sealed record StoredObject(string Kind, ObjectName Name, byte[] Definition, StoredObjectContext Context, string? TimeZone);
}
