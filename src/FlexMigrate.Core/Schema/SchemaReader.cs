using FlexMigrate.Core.Metadata;
using FlexMigrate.Core.Sql;

namespace FlexMigrate.Core.Schema;

/// <summary>
/// Reads the selected schema and metadata from the source into serializable records. Sessions use sql_mode
/// NO_ENGINE_SUBSTITUTION and time_zone '+00:00' so SHOW CREATE text is printed in the form the target replays
/// (see <see cref="ServerSession"/>). Needs SELECT, SHOW VIEW, TRIGGER, EVENT and routine-reading privileges.
/// </summary>
/// <param name="connectionString">Source connection string (MySqlConnector format).</param>
public sealed class SchemaReader(string connectionString)
{
    /// <summary>Reads everything selected: databases, tables, views (with dependencies), routines, triggers, events.</summary>
    /// <exception cref="SchemaSelectionException">A selected database or included table does not exist on the source.</exception>
    /// <exception cref="SchemaMigrationException">The source cannot be reached or an object cannot be read.</exception>
    public async Task<SourceSchema> ReadAsync(SchemaSelection selection, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(selection);
        selection.Validate();
        await using var session = await ServerSession.OpenAsync(connectionString, "source", ct);
        var databases = await ReadDatabasesAsync(session, selection, ct);
        var names = databases.Select(d => d.Name).ToList();
        var notes = new List<MigrationNote>();
        var tables = await TableSchemaQueries.ReadAsync(session, names, null, selection.Includes, notes, ct);
        var tableNames = tables.Select(t => t.Name).ToHashSet();
        var (views, routines, triggers, events) = await session.WithBinaryResultsAsync(async () => (
            await MetadataQueries.ReadViewsAsync(session, names, selection.Includes, ct),
            await MetadataQueries.ReadRoutinesAsync(session, names, notes, ct),
            await MetadataQueries.ReadTriggersAsync(session, names, (db, table) => tableNames.Contains(new ObjectName(db, table)), ct),
            await MetadataQueries.ReadEventsAsync(session, names, ct)), ct);

        CheckIncludedTablesExist(selection, tables, views, session);
        return new SourceSchema(
            session.Server,
            await session.ScalarTextAsync("SELECT VERSION()", ct),
            await session.ScalarTextAsync("SELECT @@GLOBAL.sql_mode", ct),
            databases, tables, WithDependencies(views), routines, triggers, events, notes);
    }

    /// <summary>
    /// Only the selected triggers and events, as they are now: what a cutover creates on the target. Reads no table,
    /// view or routine, and lists them with one set query each for all databases, so its cost is the objects it
    /// returns (the cutover runs it inside the write stop).
    /// </summary>
    public async Task<(IReadOnlyList<TriggerSchema> Triggers, IReadOnlyList<EventSchema> Events)> ReadTriggersAndEventsAsync(
        SchemaSelection selection, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(selection);
        if (selection.Databases.Count == 0)
        {
            return ([], []);
        }

        await using var session = await ServerSession.OpenAsync(connectionString, "source", ct);
        return await session.WithBinaryResultsAsync(async () => (
            (IReadOnlyList<TriggerSchema>)await MetadataQueries.ReadTriggersAsync(session, selection.Databases, selection.Includes, ct),
            (IReadOnlyList<EventSchema>)await MetadataQueries.ReadEventsAsync(session, selection.Databases, ct)), ct);
    }

    /// <summary>Re-reads one table (activities re-read just what they need instead of carrying the whole schema).</summary>
    /// <exception cref="SchemaMigrationException">The table does not exist (any more) on the source.</exception>
    public async Task<TableSchema> ReadTableAsync(ObjectName table, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        await using var session = await ServerSession.OpenAsync(connectionString, "source", ct);
        var found = await TableSchemaQueries.ReadAsync(session, [table.Database], table.Name, (_, _) => true, [], ct);
        return found.SingleOrDefault() ?? throw new SchemaMigrationException(
            $"Table {table} does not exist on the {session.Describe} (dropped or renamed since the migration started?). "
            + "Restart the migration so it reads the current schema.", table.ToString(), null, null);
    }

    /// <summary>The selected base tables' names only: a cheap list for planning a fan-out.</summary>
    public async Task<IReadOnlyList<ObjectName>> ListTablesAsync(SchemaSelection selection, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(selection);
        await using var session = await ServerSession.OpenAsync(connectionString, "source", ct);
        var databases = await ReadDatabasesAsync(session, selection, ct);
        var rows = await DatabaseSetQuery.QueryAsync((sql, p) => session.QueryAsync(sql, ct, p), [.. databases.Select(d => d.Name)],
            "SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES", "TABLE_SCHEMA", "TABLE_SCHEMA, TABLE_NAME",
            " AND TABLE_TYPE = 'BASE TABLE'");
        return [.. rows.Select(r => new ObjectName(r.Text("TABLE_SCHEMA"), r.Text("TABLE_NAME"))).Where(t => selection.Includes(t.Database, t.Name))];
    }

    /// <summary>The selected databases' attributes with one query per batch of databases, in the selection's order.</summary>
    /// <exception cref="SchemaSelectionException">A selected database does not exist on the source.</exception>
    private static async Task<List<DatabaseSchema>> ReadDatabasesAsync(ServerSession session, SchemaSelection selection, CancellationToken ct)
    {
        var rows = await DatabaseSetQuery.QueryAsync((sql, p) => session.QueryAsync(sql, ct, p), selection.Databases,
            "SELECT * FROM information_schema.SCHEMATA", "SCHEMA_NAME", null);
        var found = rows.ToDictionary(r => r.Text("SCHEMA_NAME"), StringComparer.Ordinal);
        return [.. selection.Databases.Distinct(StringComparer.Ordinal).Select(name =>
        {
            var row = found.GetValueOrDefault(name) ?? throw new SchemaSelectionException(
                $"Database {SqlText.Identifier(name)} does not exist on the {session.Describe}. Check the name (it is "
                + "case-sensitive) and that the migration user can see it, or remove it from --databases.");
            return new DatabaseSchema(name, row.Text("DEFAULT_CHARACTER_SET_NAME"), row.Text("DEFAULT_COLLATION_NAME"), row.Text("SCHEMA_COMMENT"));
        })];
    }

    private static void CheckIncludedTablesExist(
        SchemaSelection selection, List<TableSchema> tables, List<ViewSchema> views, ServerSession session)
    {
        var present = tables.Select(t => t.Name).Concat(views.Select(v => v.Name)).ToHashSet();
        var missing = selection.IncludedTableNames.Where(n => !present.Contains(n)).Select(n => n.ToString()).ToList();
        if (missing.Count > 0)
        {
            throw new SchemaSelectionException(
                $"Table(s) given in --tables do not exist on the {session.Describe}: {string.Join(", ", missing)}. "
                + "Check the names (case-sensitive) or remove them.");
        }
    }

    private static List<ViewSchema> WithDependencies(List<ViewSchema> views)
    {
        var known = views.Select(v => v.Name).ToHashSet();
        return views.Select(v => v with
        {
            DependsOn = ViewDependencyAnalyzer.FindDependencies(v.Name, v.CreateStatement, known),
        }).ToList();
    }
}
