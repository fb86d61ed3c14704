using FlexMigrate.Core.Validation;

namespace FlexMigrate.Tests.Validation;

public class KeyCodecTests
{
    [Fact]
    public void Numbers_show_bare_and_text_decoded_and_quoted()
    {
        Assert.Equal("42", KeyCodec.Display([Columns.Int("id")], "42"));
        Assert.Equal("'k0500'", KeyCodec.Display([Columns.Varchar("k")], "6B30353030"));
        Assert.Equal("(2, 'c')", KeyCodec.Display([Columns.Int("a"), Columns.Varchar("b")], "2|63"));
    }

    [Fact]
    public void Bytes_show_as_hex_and_quotes_are_escaped()
    {
        var binary = Columns.Of("b", "varbinary", "varbinary(4)");
        Assert.Equal("0x00FF", KeyCodec.Display([binary], "00FF"));
        Assert.Equal("'it''s'", KeyCodec.Display([Columns.Varchar("v")], "69742773"));
        Assert.Equal("NULL", KeyCodec.Display([Columns.Varchar("v")], "~"));
        Assert.Equal("'2024-02-29 12:00:00'", KeyCodec.Display([Columns.Of("t", "datetime", "datetime")], "2024-02-29 12:00:00"));
    }

    [Fact]
    public void Keys_order_numerically_part_by_part()
    {
        var keys = new List<string> { "10", "9", "-1", "100" };
        keys.Sort(KeyCodec.Compare);
        Assert.Equal(["-1", "9", "10", "100"], keys);

        var composite = new List<string> { "2|62", "10|61", "2|61" };
        composite.Sort(KeyCodec.Compare);
        Assert.Equal(["2|61", "2|62", "10|61"], composite);
    }

    [Fact]
    public void Parameters_are_cast_back_to_the_column_type()
    {
        Assert.Equal("CAST(@p AS SIGNED)", KeyCodec.ParameterExpression(Columns.Int("id"), "@p"));
        Assert.Equal("CAST(@p AS UNSIGNED)", KeyCodec.ParameterExpression(Columns.Int("id", unsigned: true), "@p"));
        Assert.Equal("CONVERT(UNHEX(@p) USING latin1) COLLATE latin1_bin",
            KeyCodec.ParameterExpression(Columns.Varchar("k", "latin1", "latin1_bin"), "@p"));
        Assert.Equal("CAST(@p AS DATETIME(6))",
            KeyCodec.ParameterExpression(new ValidatedColumn("t", "timestamp", "timestamp(6)", null, null, null, null, 6), "@p"));
        Assert.Equal("CAST(@p AS DECIMAL(12,3))",
            KeyCodec.ParameterExpression(new ValidatedColumn("d", "decimal", "decimal(12,3)", null, null, 12, 3, null), "@p"));
    }

    [Fact]
    public void Ranges_are_used_only_where_both_servers_order_keys_alike()
    {
        Assert.True(KeyCodec.IsRangeSafe(Columns.Int("id"), Columns.Int("id")));
        Assert.True(KeyCodec.IsRangeSafe(Columns.Varchar("k"), Columns.Varchar("k")));
        Assert.False(KeyCodec.IsRangeSafe(Columns.Varchar("k"), Columns.Varchar("k", "utf8mb4", "utf8mb4_bin")));
        Assert.False(KeyCodec.IsRangeSafe(Columns.Int("id"), Columns.Of("id", "bigint", "bigint(20)")));
        var e = Columns.Of("e", "enum", "enum('b','a')");
        Assert.False(KeyCodec.IsRangeSafe(e, e));
        var f = Columns.Of("f", "double", "double");
        Assert.False(KeyCodec.IsRangeSafe(f, f));
    }
}
