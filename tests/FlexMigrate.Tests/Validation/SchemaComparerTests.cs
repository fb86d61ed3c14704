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
                new SchemaDifference("trigger", "db.trg", SchemaDifferenceKind.Changed, "SET NEW.a = 1", "SET NEW.a = 2"),
            ],
            comparison.Differences);
    }
}
