using FlexMigrate.Core.Schema;

namespace FlexMigrate.Tests.Schema;

public class SchemaSelectionTests
{
    [Theory]
    [InlineData("db.t", "db", "t")]
    [InlineData("`my.db`.`t.x`", "my.db", "t.x")]
    [InlineData("`we``ird`.t", "we`ird", "t")]
    public void Table_entries_parse(string entry, string database, string table)
    {
        Assert.Equal(new ObjectName(database, table), SchemaSelection.ParseTable(entry));
    }

    [Theory]
    [InlineData("nodot")]
    [InlineData("db.")]
    [InlineData(".t")]
    [InlineData("a.b.c")]
    [InlineData("`open.t")]
    public void Malformed_table_entries_are_refused_with_the_expected_form(string entry)
    {
        var ex = Assert.Throws<SchemaSelectionException>(() => SchemaSelection.ParseTable(entry));

        Assert.Contains(entry, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Table_entries_must_be_in_the_selected_databases()
    {
        var ex = Assert.Throws<SchemaSelectionException>(() => SchemaSelection.Create(["a"], ["b.t"]));

        Assert.Contains("`b`", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mysql")]
    [InlineData("")]
    public void System_and_empty_database_names_are_refused(string database)
    {
        Assert.Throws<SchemaSelectionException>(() => SchemaSelection.Create([database]));
    }

    [Fact]
    public void Include_and_exclude_decide_membership()
    {
        var selection = SchemaSelection.Create(["a", "b"], ["a.t1", "a.t2"], ["a.t2"]);

        Assert.Equal(
            [true, false, false, false],
            new[] { ("a", "t1"), ("a", "t2"), ("a", "t3"), ("c", "t1") }.Select(x => selection.Includes(x.Item1, x.Item2)));
        Assert.True(SchemaSelection.Create(["a"], excludeTables: ["a.x"]).Includes("a", "anything"));
    }
}
