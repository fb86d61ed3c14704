using FlexMigrate.Core.Schema;
using FlexMigrate.Core.Validation;

namespace FlexMigrate.Tests.Schema;

/// <summary>The one key rule, over table shapes a server cannot produce here (MySQL 8.0 functional key parts).</summary>
public class RowIdentityTests
{
    private static ColumnSchema Column(string name, bool nullable = false, GeneratedKind generated = GeneratedKind.None) =>
        new(name, 1, "int", "int(11)", null, null, nullable, null, null, generated, null, false, false, "");

    /// <summary>
    /// Validation's reader dropped key parts without a column name, so a UNIQUE key over (a, (expr)) became a "key" over
    /// a alone, which does not identify rows. A functional part disqualifies the key for every path now.
    /// </summary>
    [Fact]
    public void A_key_with_a_functional_part_identifies_nothing()
    {
        var shape = new TableShapeFacts(new ObjectName("d", "t"), 10, [Column("a"), Column("b")], null,
        [
            new IndexSchema("f", IndexKind.Unique, [new IndexColumn("a", null, false), new IndexColumn(null, null, false)], "BTREE", ""),
        ]);

        Assert.Null(RowIdentity.Choose(shape));
        Assert.Empty(TableShapeReader.FromShape(shape).KeyColumns);
    }

    [Fact]
    public void Primary_key_first_then_the_narrowest_usable_unique_key_then_by_name()
    {
        var shape = new TableShapeFacts(new ObjectName("d", "t"), 10,
            [Column("a"), Column("b"), Column("c"), Column("n", nullable: true)], null,
            [
                new IndexSchema("a_wide", IndexKind.Unique, [new IndexColumn("a", null, false), new IndexColumn("b", null, false)], "BTREE", ""),
                new IndexSchema("m_null", IndexKind.Unique, [new IndexColumn("n", null, false)], "BTREE", ""),
                new IndexSchema("y_c", IndexKind.Unique, [new IndexColumn("c", null, false)], "BTREE", ""),
                new IndexSchema("x_b", IndexKind.Unique, [new IndexColumn("b", null, false)], "BTREE", ""),
                new IndexSchema("i_a", IndexKind.NonUnique, [new IndexColumn("a", null, false)], "BTREE", ""),
            ]);

        Assert.Equal("x_b", RowIdentity.Choose(shape)!.Name);
        Assert.Equal("y_c", RowIdentity.Choose(shape, (column, _) => column.Name != "b")!.Name);
        var primary = new IndexSchema("PRIMARY", IndexKind.Primary, [new IndexColumn("a", null, false), new IndexColumn("c", null, false)], "BTREE", "");
        Assert.Equal("PRIMARY", RowIdentity.Choose(shape with { PrimaryKey = primary })!.Name);
    }

    /// <summary>
    /// MySQL 8.0 writes DEFAULT_GENERATED in EXTRA for an ordinary column with an expression default (CURRENT_TIMESTAMP
    /// included). The copy's own reader took it for a generated column and left it out of the copy; the schema reader
    /// called it Stored. Only replication knew.
    /// </summary>
    [Theory]
    [InlineData("NEVER", "DEFAULT_GENERATED", GeneratedKind.None)]
    [InlineData("NEVER", "DEFAULT_GENERATED on update CURRENT_TIMESTAMP", GeneratedKind.None)]
    [InlineData(null, "", GeneratedKind.None)]
    [InlineData(null, "auto_increment", GeneratedKind.None)]
    [InlineData("ALWAYS", "VIRTUAL GENERATED", GeneratedKind.Virtual)]
    [InlineData("ALWAYS", "STORED GENERATED", GeneratedKind.Stored)]
    [InlineData(null, "VIRTUAL", GeneratedKind.Virtual)]
    [InlineData(null, "PERSISTENT", GeneratedKind.Stored)]
    [InlineData("ALWAYS", "PERSISTENT GENERATED INVISIBLE", GeneratedKind.Stored)]
    public void Generated_columns_are_told_from_expression_defaults(string? isGenerated, string extra, GeneratedKind expected)
    {
        Assert.Equal(expected, TableSchemaQueries.GeneratedKindOf(isGenerated, extra));
    }
}
