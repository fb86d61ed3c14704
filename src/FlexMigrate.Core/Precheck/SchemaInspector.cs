using MySqlConnector;

namespace FlexMigrate.Core.Precheck;

/// <summary>
/// Reads the source objects in scope from information_schema in one query per kind (tables, columns, keys, views,
/// routines, triggers, events), so the cost does not grow with round trips per table.
/// </summary>
internal static class SchemaInspector
{
    public static async Task<SchemaFacts> ReadAsync(
        MySqlConnection connection, IReadOnlyList<string> databases, TableFilter filter, CancellationToken cancellationToken)
    {
        var dbs = new List<DatabaseFacts>();
        var tables = new List<TableFacts>();
        var objects = new List<StoredObjectFacts>();
        foreach (var database in databases.Distinct(StringComparer.Ordinal))
        {
            // One database per query, compared with '=': MariaDB and MySQL then open only that schema's tables for
            // information_schema.TABLES/TRIGGERS/...; with an IN list MariaDB opened every table on the server and
            // waited on metadata locks of unrelated DDL.
            var parameters = new List<MySqlParameter> { new("@db", database) };
            var found = await ServerQuery.ListAsync(connection,
                "SELECT SCHEMA_NAME, DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = @db",
                r => new DatabaseFacts(ServerQuery.Text(r, 0), ServerQuery.Text(r, 1), ServerQuery.Text(r, 2)), cancellationToken, parameters);
            if (found.Count == 0)
            {
                continue;
            }

            dbs.AddRange(found);
            tables.AddRange(await ReadTablesAsync(connection, parameters, cancellationToken));
            objects.AddRange(await ReadObjectsAsync(connection, parameters, filter, cancellationToken));
        }

        var missing = databases.Where(d => !dbs.Exists(f => f.Name == d)).ToList();
        return new SchemaFacts(dbs, missing, tables.Where(t => filter.Includes(t.Database, t.Name)).ToList(), objects);
    }

    private static async Task<List<TableFacts>> ReadTablesAsync(
        MySqlConnection connection, List<MySqlParameter> parameters, CancellationToken cancellationToken)
    {
        var columns = await ReadColumnsAsync(connection, parameters, cancellationToken);
        var keys = await ReadKeysAsync(connection, parameters, cancellationToken);
        return await ServerQuery.ListAsync(connection,
            "SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE, ENGINE, COALESCE(TABLE_ROWS, 0), COALESCE(DATA_LENGTH, 0) + COALESCE(INDEX_LENGTH, 0), TABLE_COLLATION " +
            "FROM information_schema.TABLES WHERE TABLE_SCHEMA = @db AND TABLE_TYPE <> 'VIEW' ORDER BY TABLE_NAME",
            r =>
            {
                var db = ServerQuery.Text(r, 0);
                var name = ServerQuery.Text(r, 1);
                var key = keys.GetValueOrDefault((db, name));
                return new TableFacts(db, name, ServerQuery.Text(r, 2), ServerQuery.TextOrNull(r, 3),
                    Convert.ToInt64(r.GetValue(4), System.Globalization.CultureInfo.InvariantCulture),
                    Convert.ToInt64(r.GetValue(5), System.Globalization.CultureInfo.InvariantCulture),
                    ServerQuery.TextOrNull(r, 6), key.Primary, key.NonNullUnique,
                    columns.GetValueOrDefault((db, name)) ?? []);
            }, cancellationToken, parameters);
    }

    private static async Task<Dictionary<(string, string), List<ColumnFacts>>> ReadColumnsAsync(
        MySqlConnection connection, List<MySqlParameter> parameters, CancellationToken cancellationToken)
    {
        var rows = await ServerQuery.ListAsync(connection,
            "SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, IS_NULLABLE, CHARACTER_SET_NAME, COLLATION_NAME, COLUMN_DEFAULT, EXTRA " +
            $"FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = @db ORDER BY TABLE_NAME, ORDINAL_POSITION",
            r => (Key: (ServerQuery.Text(r, 0), ServerQuery.Text(r, 1)), Column: new ColumnFacts(ServerQuery.Text(r, 2), ServerQuery.Text(r, 3).ToLowerInvariant(), ServerQuery.Text(r, 4),
                ServerQuery.Text(r, 5) == "YES", ServerQuery.TextOrNull(r, 6), ServerQuery.TextOrNull(r, 7), ServerQuery.TextOrNull(r, 8), ServerQuery.TextOrNull(r, 9) ?? "")),
            cancellationToken, parameters);
        return rows.GroupBy(r => r.Key).ToDictionary(g => g.Key, g => g.Select(r => r.Column).ToList());
    }

    /// <summary>Per table: has a PRIMARY KEY; has a UNIQUE key whose columns are all NOT NULL (usable as a row identity).</summary>
    private static async Task<Dictionary<(string, string), (bool Primary, bool NonNullUnique)>> ReadKeysAsync(
        MySqlConnection connection, List<MySqlParameter> parameters, CancellationToken cancellationToken)
    {
        var rows = await ServerQuery.ListAsync(connection,
            "SELECT TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, NON_UNIQUE, NULLABLE FROM information_schema.STATISTICS " +
            $"WHERE TABLE_SCHEMA = @db",
            r => (Table: (ServerQuery.Text(r, 0), ServerQuery.Text(r, 1)), Index: ServerQuery.Text(r, 2),
                Unique: Convert.ToInt64(r.GetValue(3), System.Globalization.CultureInfo.InvariantCulture) == 0,
                Nullable: !r.IsDBNull(4) && ServerQuery.Text(r, 4) == "YES"),
            cancellationToken, parameters);
        return rows.GroupBy(r => r.Table).ToDictionary(
            g => g.Key,
            g => (g.Any(r => r.Index == "PRIMARY"),
                g.Where(r => r.Unique).GroupBy(r => r.Index).Any(index => index.All(r => !r.Nullable))));
    }

    private static async Task<List<StoredObjectFacts>> ReadObjectsAsync(
        MySqlConnection connection, List<MySqlParameter> parameters, TableFilter filter, CancellationToken cancellationToken)
    {
        var objects = new List<StoredObjectFacts>();
        objects.AddRange((await ServerQuery.ListAsync(connection,
                "SELECT TABLE_SCHEMA, TABLE_NAME, DEFINER, SECURITY_TYPE, VIEW_DEFINITION, COLLATION_CONNECTION " +
                $"FROM information_schema.VIEWS WHERE TABLE_SCHEMA = @db",
                r => new StoredObjectFacts(StoredObjectKind.View, ServerQuery.Text(r, 0), ServerQuery.Text(r, 1), ServerQuery.Text(r, 2), ServerQuery.Text(r, 3),
                    ServerQuery.TextOrNull(r, 4), null, ServerQuery.TextOrNull(r, 5)), cancellationToken, parameters))
            .Where(v => filter.Includes(v.Database, v.Name)));
        objects.AddRange(await ServerQuery.ListAsync(connection,
            "SELECT ROUTINE_SCHEMA, ROUTINE_NAME, ROUTINE_TYPE, DEFINER, SECURITY_TYPE, ROUTINE_DEFINITION, COLLATION_CONNECTION " +
            $"FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = @db",
            r => new StoredObjectFacts(ServerQuery.Text(r, 2) == "FUNCTION" ? StoredObjectKind.Function : StoredObjectKind.Procedure,
                ServerQuery.Text(r, 0), ServerQuery.Text(r, 1), ServerQuery.Text(r, 3), ServerQuery.Text(r, 4), ServerQuery.TextOrNull(r, 5), null, ServerQuery.TextOrNull(r, 6)),
            cancellationToken, parameters));
        // TRIGGERS is indexed by the table's schema (EVENT_OBJECT_SCHEMA), not TRIGGER_SCHEMA: filtering on the latter
        // makes the server open every table of every database (and wait on their metadata locks).
        objects.AddRange((await ServerQuery.ListAsync(connection,
                "SELECT TRIGGER_SCHEMA, TRIGGER_NAME, DEFINER, ACTION_STATEMENT, COLLATION_CONNECTION, EVENT_OBJECT_TABLE " +
                $"FROM information_schema.TRIGGERS WHERE EVENT_OBJECT_SCHEMA = @db",
                r => (Table: ServerQuery.Text(r, 5), Facts: new StoredObjectFacts(StoredObjectKind.Trigger, ServerQuery.Text(r, 0), ServerQuery.Text(r, 1),
                    ServerQuery.Text(r, 2), "DEFINER", ServerQuery.TextOrNull(r, 3), null, ServerQuery.TextOrNull(r, 4))), cancellationToken, parameters))
            .Where(t => filter.Includes(t.Facts.Database, t.Table)).Select(t => t.Facts));
        objects.AddRange(await ServerQuery.ListAsync(connection,
            "SELECT EVENT_SCHEMA, EVENT_NAME, DEFINER, EVENT_DEFINITION, TIME_ZONE, COLLATION_CONNECTION " +
            $"FROM information_schema.EVENTS WHERE EVENT_SCHEMA = @db",
            r => new StoredObjectFacts(StoredObjectKind.Event, ServerQuery.Text(r, 0), ServerQuery.Text(r, 1), ServerQuery.Text(r, 2), "DEFINER",
                ServerQuery.TextOrNull(r, 3), ServerQuery.TextOrNull(r, 4), ServerQuery.TextOrNull(r, 5)), cancellationToken, parameters));
        return objects;
    }
}
