using FlexMigrate.Core.Validation;

namespace FlexMigrate.Tests.Validation;

public class SchemaComparerTests
{
    [Fact]
    public void Reports_missing_extra_and_changed_objects_in_name_order()
    {
        var source = new List<SchemaObject>
        {
            new("index", "db.t.ix_a", "t", "BTREE (a)"),
            new("trigger", "db.trg", "t", "SET NEW.a = 1"),
            new("view", "db.v", null, "select 1"),
        };
        var target = new List<SchemaObject>
        {
            new("trigger", "db.trg", "t", "SET NEW.a = 2"),
            new("view", "db.v", null, "select 1"),
            new("event", "db.ev", null, "EVERY 1 HOUR"),
        };
        var comparison = SchemaComparer.Compare(source, target);
        Assert.Equal(4, comparison.ObjectsCompared);
        Assert.Equal(
            [
                new SchemaDifference("event", "db.ev", SchemaDifferenceKind.Extra, null, "EVERY 1 HOUR"),
                new SchemaDifference("index", "db.t.ix_a", SchemaDifferenceKind.Missing, "BTREE (a)", null),
                new SchemaDifference("trigger", "db.trg", SchemaDifferenceKind.Changed, "SET NEW.a = 1", "SET NEW.a = 2", "definition"),
            ],
            comparison.Differences);
    }

    [Fact]
    public void Each_differing_attribute_is_named_and_equal_text_with_other_bytes_shows_the_bytes()
    {
        SchemaObject Routine(string key, string client, string mode) => new("procedure", "db.p", null,
        [
            new SchemaAttribute("definition", "SELECT 'é'", key),
            new SchemaAttribute("character_set_client", client),
            new SchemaAttribute("sql_mode", mode),
        ]);

        var comparison = SchemaComparer.Compare([Routine("27E927", "latin1", "ANSI_QUOTES")], [Routine("27C3A927", "utf8mb4", "ANSI_QUOTES")]);

        Assert.Equal(
            [
                new SchemaDifference("procedure", "db.p", SchemaDifferenceKind.Changed, "SELECT 'é' [bytes 27E927]", "SELECT 'é' [bytes 27C3A927]", "definition"),
                new SchemaDifference("procedure", "db.p", SchemaDifferenceKind.Changed, "latin1", "utf8mb4", "character_set_client"),
            ],
            comparison.Differences);
    }

    [Fact]
    public void An_attribute_only_one_server_has_is_not_compared()
    {
        var source = new SchemaObject("database", "db", null, [new SchemaAttribute("collation", "latin1_bin"), new SchemaAttribute("comment", "c")]);
        var target = new SchemaObject("database", "db", null, [new SchemaAttribute("collation", "latin1_bin")]);

        Assert.True(SchemaComparer.Compare([source], [target]).IsEqual);
    }
}
