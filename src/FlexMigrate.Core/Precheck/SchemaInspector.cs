using MySqlConnector;

namespace FlexMigrate.Core.Precheck;

/// <summary>
/// Reads the source objects in scope from information_schema in one query per kind (tables, columns, keys, views,
/// routines, triggers, events), so the cost does not grow with round trips per table.
/// </summary>
internal static class SchemaInspector
{
    public static async Task<SourceSchema> ReadAsync(
        MySqlConnection connection, IReadOnlyList<string> databases, TableFilter filter, CancellationToken cancellationToken)
    {
        if (databases.Count == 0)
        {
            return SourceSchema.Empty;
        }

        var (inList, parameters) = Sql.InList("db", databases);
        var dbs = await Sql.ListAsync(connection,
            $"SELECT SCHEMA_NAME, DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME IN ({inList})",
            r => new DatabaseFacts(r.GetString(0), r.GetString(1), r.GetString(2)), cancellationToken, parameters);
        var missing = databases.Where(d => !dbs.Exists(f => f.Name == d)).ToList();
        var columns = await ReadColumnsAsync(connection, inList, parameters, cancellationToken);
        var keys = await ReadKeysAsync(connection, inList, parameters, cancellationToken);
        var tables = await Sql.ListAsync(connection,
            $"SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE, ENGINE, COALESCE(TABLE_ROWS, 0), COALESCE(DATA_LENGTH, 0) + COALESCE(INDEX_LENGTH, 0), TABLE_COLLATION " +
            $"FROM information_schema.TABLES WHERE TABLE_SCHEMA IN ({inList}) AND TABLE_TYPE <> 'VIEW' ORDER BY TABLE_SCHEMA, TABLE_NAME",
            r =>
            {
                var db = r.GetString(0);
                var name = r.GetString(1);
                var key = keys.GetValueOrDefault((db, name));
                return new TableFacts(db, name, r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3),
                    Convert.ToInt64(r.GetValue(4), System.Globalization.CultureInfo.InvariantCulture),
                    Convert.ToInt64(r.GetValue(5), System.Globalization.CultureInfo.InvariantCulture),
                    r.IsDBNull(6) ? null : r.GetString(6), key.Primary, key.NonNullUnique,
                    columns.GetValueOrDefault((db, name)) ?? []);
            }, cancellationToken, parameters);
        var objects = await ReadObjectsAsync(connection, inList, parameters, filter, cancellationToken);
        return new SourceSchema(dbs, missing, tables.Where(t => filter.Includes(t.Database, t.Name)).ToList(), objects);
    }

    private static async Task<Dictionary<(string, string), List<ColumnFacts>>> ReadColumnsAsync(
        MySqlConnection connection, string inList, List<MySqlParameter> parameters, CancellationToken cancellationToken)
    {
        var rows = await Sql.ListAsync(connection,
            "SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, IS_NULLABLE, CHARACTER_SET_NAME, COLLATION_NAME, COLUMN_DEFAULT, EXTRA " +
            $"FROM information_schema.COLUMNS WHERE TABLE_SCHEMA IN ({inList}) ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION",
            r => (Key: (r.GetString(0), r.GetString(1)), Column: new ColumnFacts(r.GetString(2), r.GetString(3).ToLowerInvariant(), r.GetString(4),
                r.GetString(5) == "YES", NullableString(r, 6), NullableString(r, 7), NullableString(r, 8), NullableString(r, 9) ?? "")),
            cancellationToken, parameters);
        return rows.GroupBy(r => r.Key).ToDictionary(g => g.Key, g => g.Select(r => r.Column).ToList());
    }

    /// <summary>Per table: has a PRIMARY KEY; has a UNIQUE key whose columns are all NOT NULL (usable as a row identity).</summary>
    private static async Task<Dictionary<(string, string), (bool Primary, bool NonNullUnique)>> ReadKeysAsync(
        MySqlConnection connection, string inList, List<MySqlParameter> parameters, CancellationToken cancellationToken)
    {
        var rows = await Sql.ListAsync(connection,
            "SELECT TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, NON_UNIQUE, NULLABLE FROM information_schema.STATISTICS " +
            $"WHERE TABLE_SCHEMA IN ({inList})",
            r => (Table: (r.GetString(0), r.GetString(1)), Index: r.GetString(2),
                Unique: Convert.ToInt64(r.GetValue(3), System.Globalization.CultureInfo.InvariantCulture) == 0,
                Nullable: !r.IsDBNull(4) && r.GetString(4) == "YES"),
            cancellationToken, parameters);
        return rows.GroupBy(r => r.Table).ToDictionary(
            g => g.Key,
            g => (g.Any(r => r.Index == "PRIMARY"),
                g.Where(r => r.Unique).GroupBy(r => r.Index).Any(index => index.All(r => !r.Nullable))));
    }

    private static async Task<List<StoredObjectFacts>> ReadObjectsAsync(
        MySqlConnection connection, string inList, List<MySqlParameter> parameters, TableFilter filter, CancellationToken cancellationToken)
    {
        var objects = new List<StoredObjectFacts>();
        objects.AddRange((await Sql.ListAsync(connection,
                "SELECT TABLE_SCHEMA, TABLE_NAME, DEFINER, SECURITY_TYPE, VIEW_DEFINITION, COLLATION_CONNECTION " +
                $"FROM information_schema.VIEWS WHERE TABLE_SCHEMA IN ({inList})",
                r => new StoredObjectFacts(StoredObjectKind.View, r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3),
                    NullableString(r, 4), null, NullableString(r, 5)), cancellationToken, parameters))
            .Where(v => filter.Includes(v.Database, v.Name)));
        objects.AddRange(await Sql.ListAsync(connection,
            "SELECT ROUTINE_SCHEMA, ROUTINE_NAME, ROUTINE_TYPE, DEFINER, SECURITY_TYPE, ROUTINE_DEFINITION, COLLATION_CONNECTION " +
            $"FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA IN ({inList})",
            r => new StoredObjectFacts(r.GetString(2) == "FUNCTION" ? StoredObjectKind.Function : StoredObjectKind.Procedure,
                r.GetString(0), r.GetString(1), r.GetString(3), r.GetString(4), NullableString(r, 5), null, NullableString(r, 6)),
            cancellationToken, parameters));
        objects.AddRange((await Sql.ListAsync(connection,
                "SELECT TRIGGER_SCHEMA, TRIGGER_NAME, DEFINER, ACTION_STATEMENT, COLLATION_CONNECTION, EVENT_OBJECT_TABLE " +
                $"FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA IN ({inList})",
                r => (Table: r.GetString(5), Facts: new StoredObjectFacts(StoredObjectKind.Trigger, r.GetString(0), r.GetString(1),
                    r.GetString(2), "DEFINER", NullableString(r, 3), null, NullableString(r, 4))), cancellationToken, parameters))
            .Where(t => filter.Includes(t.Facts.Database, t.Table)).Select(t => t.Facts));
        objects.AddRange(await Sql.ListAsync(connection,
            "SELECT EVENT_SCHEMA, EVENT_NAME, DEFINER, EVENT_DEFINITION, TIME_ZONE, COLLATION_CONNECTION " +
            $"FROM information_schema.EVENTS WHERE EVENT_SCHEMA IN ({inList})",
            r => new StoredObjectFacts(StoredObjectKind.Event, r.GetString(0), r.GetString(1), r.GetString(2), "DEFINER",
                NullableString(r, 3), NullableString(r, 4), NullableString(r, 5)), cancellationToken, parameters));
        return objects;
    }

    private static string? NullableString(MySqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
