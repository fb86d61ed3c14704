using FlexMigrate.Core.Replication;

namespace FlexMigrate.Tests.Replication;

public sealed class CascadeSqlTests
{
    private static readonly TableId Parent = new("shop", "order");
    private static readonly TableId Child = new("shop", "order`line");

    private static ForeignKeyEdge Edge(params ForeignKeyColumn[] columns) =>
        new("fk", Child, columns, Parent, [.. columns.Select(c => "p_" + c.Name)], ForeignKeyRule.Cascade, ForeignKeyRule.SetNull);

    [Fact]
    public void One_column_matches_with_an_in_list_and_quotes_identifiers()
    {
        var statement = CascadeSql.Delete(Edge(new ForeignKeyColumn("order_id", null, null)), [[1L], [2L]]);

        Assert.Equal("DELETE FROM `shop`.`order``line` WHERE `order_id` IN (@p0, @p1)", statement.Sql);
        Assert.Equal([1L, 2L], statement.Parameters);
    }

    [Fact]
    public void Several_columns_match_with_or_of_ands_and_set_null_clears_every_column()
    {
        var fk = Edge(new ForeignKeyColumn("a", null, null), new ForeignKeyColumn("b", "utf8mb4", "utf8mb4_general_ci"));

        var statement = CascadeSql.SetNull(fk, [[1, "x"], [2, "y"]]);

        Assert.Equal(
            "UPDATE `shop`.`order``line` SET `a` = NULL, `b` = NULL WHERE (`a` = @p0 AND `b` = @p1) OR (`a` = @p2 AND `b` = @p3)",
            statement.Sql);
        Assert.Equal([1, "x", 2, "y"], statement.Parameters);
    }

    [Fact]
    public void Bytes_for_a_text_column_compare_in_its_character_set_and_collation()
    {
        var fk = Edge(new ForeignKeyColumn("a", null, null), new ForeignKeyColumn("b", "latin1", "latin1_swedish_ci"));

        var statement = CascadeSql.Update(fk, [1, new byte[] { 0x61 }], [new ColumnChange(1, new byte[] { 0x62 })]);

        Assert.Equal(
            "UPDATE `shop`.`order``line` SET `b` = CONVERT(@p0 USING latin1) WHERE (`a` = @p1 AND `b` = CONVERT(@p2 USING latin1) COLLATE latin1_swedish_ci)",
            statement.Sql);
    }

    [Fact]
    public void Select_without_columns_asks_only_whether_a_row_matches()
    {
        var statement = CascadeSql.Select(Edge(new ForeignKeyColumn("id", null, null)), [], [[5]]);

        Assert.Equal("SELECT 1 FROM `shop`.`order``line` WHERE `id` IN (@p0) LIMIT 1", statement.Sql);
    }

    [Fact]
    public void A_collation_name_that_is_not_a_bare_word_is_refused()
    {
        var fk = Edge(new ForeignKeyColumn("b", "latin1", "x; DROP TABLE t"));

        Assert.Throws<FormatException>(() => CascadeSql.Delete(fk, [[new byte[] { 1 }]]));
    }

    [Fact]
    public void Key_values_compare_byte_for_byte_as_InnoDB_decides_a_change()
    {
        Assert.False(KeyTuple.BinaryEqual("abc", "ABC"));
        Assert.True(KeyTuple.BinaryEqual(new byte[] { 1, 2 }, new byte[] { 1, 2 }));
        Assert.True(KeyTuple.BinaryEqual(null, DBNull.Value));
        Assert.False(KeyTuple.BinaryEqual(null, 0));
        Assert.True(KeyTuple.HasNull([1, DBNull.Value]));
        Assert.Equal(
            KeyTuple.Comparer.GetHashCode([new byte[] { 7 }, "a"]),
            KeyTuple.Comparer.GetHashCode([new byte[] { 7 }, "a"]));
    }
}
