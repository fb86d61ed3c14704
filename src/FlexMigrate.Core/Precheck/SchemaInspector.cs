using FlexMigrate.Core.Schema;
using MySqlConnector;

namespace FlexMigrate.Core.Precheck;

/// <summary>
/// Reads the source objects in scope from information_schema in one query per kind and database (tables, columns and
/// keys through the shared shape reader; views, routines, triggers, events), so the cost does not grow with round trips
/// per table.
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
            tables.AddRange(await ReadTablesAsync(connection, database, cancellationToken));
            objects.AddRange(await ReadObjectsAsync(connection, parameters, filter, cancellationToken));
        }

        var missing = databases.Where(d => !dbs.Exists(f => f.Name == d)).ToList();
        return new SchemaFacts(dbs, missing, tables.Where(t => filter.Includes(t.Database, t.Name)).ToList(), objects);
    }

    /// <summary>
    /// The database's tables through the shared shape reader (<see cref="TableSchemaQueries.ReadShapesAsync"/>), so the
    /// precheck sees the columns and keys the copy, validation and replication use. A table "has a non-null unique key"
    /// when replication can key on one (<see cref="RowIdentity"/>; generated columns are never written by replay).
    /// </summary>
    private static async Task<List<TableFacts>> ReadTablesAsync(MySqlConnection connection, string database, CancellationToken cancellationToken)
    {
        var shapes = await TableSchemaQueries.ReadShapesAsync(connection, null, database, null, cancellationToken);
        return shapes.Select(shape => new TableFacts(database, shape.Name.Name, shape.TableType, shape.Engine, shape.EstimatedRows, shape.Bytes,
                shape.Collation, shape.PrimaryKey is not null,
                RowIdentity.Choose(shape with { PrimaryKey = null }, (column, _) => column.Generated == GeneratedKind.None) is not null,
                shape.Columns.Select(c => new ColumnFacts(c.Name, c.DataType.ToLowerInvariant(), c.ColumnType, c.IsNullable, c.CharacterSet,
                    c.Collation, c.Default, c.IsAutoIncrement)).ToList()))
            .ToList();
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
