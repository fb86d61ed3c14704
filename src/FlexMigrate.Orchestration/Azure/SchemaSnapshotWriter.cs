using System.Text;
using FlexMigrate.Core.Metadata;
using FlexMigrate.Core.Schema;
using FlexMigrate.Core.Schema.Ddl;
using FlexMigrate.Core.Sql;

namespace FlexMigrate.Orchestration.Azure;

/// <summary>
/// The schema snapshot artifact: the DDL as migrated, i.e. the statements the target receives, produced by the same
/// planners <see cref="TargetSchemaWriter"/> and <see cref="MetadataWriter"/> run (<see cref="TableDdlPlanner"/>,
/// <see cref="MetadataDdlPlanner"/>), in the migration's order: databases, tables for load, secondary indexes, routines,
/// views, triggers, events, foreign keys. A script a DBA can read or replay with the mariadb/mysql client.
/// </summary>
internal static class SchemaSnapshotWriter
{
    public static string Write(SourceSchema schema, SchemaOptions options)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var sql = new StringBuilder();
        sql.Append("-- FlexMigrate schema snapshot: DDL as migrated from ").Append(schema.Server)
            .Append(" (").Append(schema.ServerVersion).Append(")\n");
        foreach (var db in schema.Databases)
        {
            sql.Append($"\nCREATE DATABASE IF NOT EXISTS {SqlText.Identifier(db.Name)} DEFAULT CHARACTER SET {db.CharacterSet} COLLATE {db.Collation};\n");
        }

        var tables = schema.Tables.Select(t => TableDdlPlanner.Plan(t, options)).ToList();
        Section(sql, "Tables (primary keys only, before the load)", tables.Select(t => (t.Table.Database, t.CreateForLoad)));
        Section(sql, "Secondary indexes (after each table's rows are in)",
            tables.Where(t => t.Indexes.Count > 0).Select(t => (t.Table.Database, t.AlterTableAdd(t.Indexes))));
        Section(sql, "Routines", schema.Routines.Select(r => (r.Name.Database,
            MetadataDdlPlanner.StoredObject(r.Kind.ToString().ToLowerInvariant(), r.Name, r.Definition, r.Context, options).Sql)));
        Section(sql, "Views", ViewOrderer.Order(schema.Views).Select(v => (v.Name.Database, MetadataDdlPlanner.View(v, options).Sql)));
        Section(sql, "Triggers", schema.Triggers.Select(t => (t.Name.Database,
            MetadataDdlPlanner.StoredObject("trigger", t.Name, t.Definition, t.Context, options).Sql)));
        Section(sql, "Events", schema.Events.Select(e => (e.Name.Database,
            MetadataDdlPlanner.StoredObject("event", e.Name, e.Definition, e.Context, options).Sql)));
        Section(sql, "Foreign keys (last, so the load needed no parent/child order)",
            tables.Where(t => t.ForeignKeys.Count > 0).Select(t => (t.Table.Database, t.AlterTableAdd(t.ForeignKeys))));
        return sql.ToString();
    }

    // Statements are unqualified (as SHOW CREATE prints them), so each runs after USE of its database; routine bodies
    // contain ';', hence the client delimiter $$ for the section.
    private static void Section(StringBuilder sql, string title, IEnumerable<(string Database, string Statement)> statements)
    {
        sql.Append("\n-- ").Append(title).Append("\nDELIMITER $$\n");
        string? current = null;
        foreach (var (database, statement) in statements)
        {
            if (database != current)
            {
                sql.Append("USE ").Append(SqlText.Identifier(database)).Append("$$\n");
                current = database;
            }

            sql.Append(statement).Append("$$\n");
        }

        sql.Append("DELIMITER ;\n");
    }
}
