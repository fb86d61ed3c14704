using System.Text.Json;
using FlexMigrate.Core.Metadata;
using FlexMigrate.Core.Schema;

namespace FlexMigrate.Tests.Schema;

public class SchemaJsonTests
{
    [Fact]
    public void Source_schema_round_trips_through_system_text_json()
    {
        var table = new TableSchema(
            new ObjectName("db", "t"), "InnoDB", "Dynamic", "utf8mb4", "utf8mb4_bin", "c", true, 42, 10, 16384, 0,
            "CREATE TABLE `t` (...)",
            [new ColumnSchema("id", 1, "int", "int(10) unsigned", null, null, false, null, null, GeneratedKind.Stored, "`a` + 1", true, true, "")],
            new IndexSchema("PRIMARY", IndexKind.Primary, [new IndexColumn("id", null, false)], "BTREE", ""),
            [new IndexSchema("ix", IndexKind.Fulltext, [new IndexColumn("c", 10, true)], "FULLTEXT", "x")],
            [new ForeignKeySchema("fk", ["id"], new ObjectName("other", "p"), ["pid"], "CASCADE", "RESTRICT")]);
        var context = new StoredObjectContext("ANSI_QUOTES", "latin1", "latin1_swedish_ci", "utf8mb4_bin");
        var schema = new SourceSchema(
            "h:1", "10.11", "STRICT_TRANS_TABLES", [new DatabaseSchema("db", "utf8mb4", "utf8mb4_bin", "")], [table],
            [new ViewSchema(new ObjectName("db", "v"), "a@b", "DEFINER", "CASCADED", "CREATE VIEW"u8.ToArray(), context, [new ObjectName("db", "w")])],
            [new RoutineSchema(new ObjectName("db", "p"), RoutineKind.Function, "a@b", "CREATE FUNCTION"u8.ToArray(), context)],
            [new TriggerSchema(new ObjectName("db", "tr"), "t", 2, "a@b", [0x43, 0xE9, 0x5C], context)],
            [new EventSchema(new ObjectName("db", "e"), "a@b", "SYSTEM", "CREATE EVENT"u8.ToArray(), context)],
            [new MigrationNote(NoteSeverity.Warning, "`db`.`s`", "Not migrated")]);

        var json = JsonSerializer.Serialize(schema);
        var back = JsonSerializer.Deserialize<SourceSchema>(json);

        Assert.Equal(json, JsonSerializer.Serialize(back));
        Assert.Contains("\"Generated\":\"Stored\"", json, StringComparison.Ordinal);
        Assert.Equal(table.Columns[0], back!.Tables[0].Columns[0]);
        Assert.Equal([0x43, 0xE9, 0x5C], back.Triggers[0].Definition);
        Assert.Equal("C\u00e9\\", back.Triggers[0].CreateStatement);
    }
}
