using FlexMigrate.Core.Schema;
using MySqlConnector;

namespace FlexMigrate.Core.Precheck;

/// <summary>
/// Reads the source objects in scope from information_schema in one query per kind for all databases (tables, columns
/// and keys through the shared shape reader; views, routines, triggers, events), so the cost grows neither with round
/// trips per table nor per database (<see cref="DatabaseSetQuery"/>: each database is a UNION ALL branch compared with
/// '=', so MariaDB and MySQL open only that schema's tables; with an IN list MariaDB opened every table on the server
/// and waited on metadata locks of unrelated DDL).
/// </summary>
internal static class SchemaInspector
{
    public static async Task<SchemaFacts> ReadAsync(
        MySqlConnection connection, IReadOnlyList<string> databases, TableFilter filter, CancellationToken cancellationToken)
    {
        DatabaseSetQuery.Runner run = (sql, p) => DbRow.QueryAsync(connection, null, sql, cancellationToken, p);
        var dbs = (await DatabaseSetQuery.QueryAsync(run, databases,
                "SELECT SCHEMA_NAME, DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA", "SCHEMA_NAME", null))
            .Select(r => new DatabaseFacts(r.Text("SCHEMA_NAME"), r.Text("DEFAULT_CHARACTER_SET_NAME"), r.Text("DEFAULT_COLLATION_NAME")))
            .ToList();
        var present = dbs.Select(d => d.Name).ToList();
        var tables = present.Count == 0 ? [] : await ReadTablesAsync(connection, present, cancellationToken);
        var objects = present.Count == 0 ? [] : await ReadObjectsAsync(run, present, filter);
        var missing = databases.Where(d => !present.Contains(d)).ToList();
        return new SchemaFacts(dbs, missing, tables.Where(t => filter.Includes(t.Database, t.Name)).ToList(), objects);
    }

    /// <summary>
    /// The databases' tables through the shared shape reader (<see cref="TableSchemaQueries.ReadDatabaseShapesAsync"/>),
    /// so the precheck sees the columns and keys the copy, validation and replication use. A table "has a non-null
    /// unique key" when replication can key on one (<see cref="RowIdentity"/>; generated columns are never written by replay).
    /// </summary>
    private static async Task<List<TableFacts>> ReadTablesAsync(MySqlConnection connection, IReadOnlyList<string> databases, CancellationToken cancellationToken)
    {
        var shapes = await TableSchemaQueries.ReadDatabaseShapesAsync(connection, databases, cancellationToken);
        return shapes.Select(shape => new TableFacts(shape.Name.Database, shape.Name.Name, shape.TableType, shape.Engine, shape.EstimatedRows, shape.Bytes,
                shape.Collation, shape.PrimaryKey is not null,
                RowIdentity.Choose(shape with { PrimaryKey = null }, (column, _) => column.Generated == GeneratedKind.None) is not null,
                shape.Columns.Select(c => new ColumnFacts(c.Name, c.DataType.ToLowerInvariant(), c.ColumnType, c.IsNullable, c.CharacterSet,
                    c.Collation, c.Default, c.IsAutoIncrement)).ToList()))
            .ToList();
    }

    private static async Task<List<StoredObjectFacts>> ReadObjectsAsync(DatabaseSetQuery.Runner run, IReadOnlyList<string> databases, TableFilter filter)
    {
        var objects = new List<StoredObjectFacts>();
        objects.AddRange((await DatabaseSetQuery.QueryAsync(run, databases,
                "SELECT TABLE_SCHEMA, TABLE_NAME, DEFINER, SECURITY_TYPE, VIEW_DEFINITION, COLLATION_CONNECTION FROM information_schema.VIEWS",
                "TABLE_SCHEMA", null))
            .Select(r => new StoredObjectFacts(StoredObjectKind.View, r.Text("TABLE_SCHEMA"), r.Text("TABLE_NAME"), r.Text("DEFINER"),
                r.Text("SECURITY_TYPE"), r.String("VIEW_DEFINITION"), null, r.String("COLLATION_CONNECTION")))
            .Where(v => filter.Includes(v.Database, v.Name)));
        objects.AddRange((await DatabaseSetQuery.QueryAsync(run, databases,
                "SELECT ROUTINE_SCHEMA, ROUTINE_NAME, ROUTINE_TYPE, DEFINER, SECURITY_TYPE, ROUTINE_DEFINITION, COLLATION_CONNECTION "
                + "FROM information_schema.ROUTINES", "ROUTINE_SCHEMA", null))
            .Select(r => new StoredObjectFacts(r.Text("ROUTINE_TYPE") == "FUNCTION" ? StoredObjectKind.Function : StoredObjectKind.Procedure,
                r.Text("ROUTINE_SCHEMA"), r.Text("ROUTINE_NAME"), r.Text("DEFINER"), r.Text("SECURITY_TYPE"), r.String("ROUTINE_DEFINITION"), null,
                r.String("COLLATION_CONNECTION"))));
        // TRIGGERS is indexed by the table's schema (EVENT_OBJECT_SCHEMA), not TRIGGER_SCHEMA: filtering on the latter
        // makes the server open every table of every database (and wait on their metadata locks).
        objects.AddRange((await DatabaseSetQuery.QueryAsync(run, databases,
                "SELECT TRIGGER_SCHEMA, TRIGGER_NAME, DEFINER, ACTION_STATEMENT, COLLATION_CONNECTION, EVENT_OBJECT_SCHEMA, EVENT_OBJECT_TABLE "
                + "FROM information_schema.TRIGGERS", "EVENT_OBJECT_SCHEMA", null))
            .Where(r => filter.Includes(r.Text("TRIGGER_SCHEMA"), r.Text("EVENT_OBJECT_TABLE")))
            .Select(r => new StoredObjectFacts(StoredObjectKind.Trigger, r.Text("TRIGGER_SCHEMA"), r.Text("TRIGGER_NAME"), r.Text("DEFINER"),
                "DEFINER", r.String("ACTION_STATEMENT"), null, r.String("COLLATION_CONNECTION"))));
        objects.AddRange((await DatabaseSetQuery.QueryAsync(run, databases,
                "SELECT EVENT_SCHEMA, EVENT_NAME, DEFINER, EVENT_DEFINITION, TIME_ZONE, COLLATION_CONNECTION FROM information_schema.EVENTS",
                "EVENT_SCHEMA", null))
            .Select(r => new StoredObjectFacts(StoredObjectKind.Event, r.Text("EVENT_SCHEMA"), r.Text("EVENT_NAME"), r.Text("DEFINER"), "DEFINER",
                r.String("EVENT_DEFINITION"), r.String("TIME_ZONE"), r.String("COLLATION_CONNECTION"))));
        return objects;
    }
}
