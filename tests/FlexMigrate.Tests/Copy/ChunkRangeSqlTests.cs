using FlexMigrate.Core.Copy;

namespace FlexMigrate.Tests.Copy;

public class ChunkRangeSqlTests
{
    private static readonly CopyTableSpec Composite = new("d", "t",
        [new CopyColumn("a", "int", null), new CopyColumn("b", "varchar", "utf8mb4")],
        [new CopyColumn("a", "int", null), new CopyColumn("b", "varchar", "utf8mb4")], 10);

    private static ChunkBound Bound(int a, string hexB) =>
        new([KeyValue.FromInteger(a), new KeyValue(KeyValueType.Text, hexB, "utf8mb4")]);

    [Fact]
    public void Composite_range_expands_to_lexicographic_comparisons()
    {
        var chunk = new CopyChunk(1, Bound(1, "41"), Bound(2, "42"));

        var where = CopySql.RangePredicate(Composite, chunk);

        Assert.Equal(
            "((`a` > 1) OR (`a` = 1 AND `b` >= _utf8mb4 X'41')) AND ((`a` < 2) OR (`a` = 2 AND `b` < _utf8mb4 X'42'))",
            where);
    }

    [Fact]
    public void Whole_chunk_has_no_predicate_and_open_ends_have_one_side()
    {
        Assert.Null(CopySql.RangePredicate(Composite, CopyChunk.Whole));
        Assert.Equal("((`a` < 2) OR (`a` = 2 AND `b` < _utf8mb4 X'42'))",
            CopySql.RangePredicate(Composite, new CopyChunk(0, null, Bound(2, "42"))));
    }

    [Fact]
    public void Chunks_share_bounds_so_they_cover_the_key_space_without_gap_or_overlap()
    {
        var bounds = new[] { Bound(1, "41"), Bound(5, ""), Bound(9, "00") };

        var chunks = CopyChunkPlan.ToChunks(bounds);

        Assert.Equal(4, chunks.Count);
        Assert.Null(chunks[0].From);
        Assert.Null(chunks[^1].To);
        for (var i = 1; i < chunks.Count; i++)
        {
            Assert.Equal(i, chunks[i].Index);
            Assert.Same(chunks[i - 1].To, chunks[i].From);
        }
    }

    [Fact]
    public void Bound_with_the_wrong_number_of_values_is_refused()
    {
        var chunk = new CopyChunk(0, new ChunkBound([KeyValue.FromInteger(1)]), null);

        var error = Assert.Throws<FormatException>(() => CopySql.RangePredicate(Composite, chunk));
        Assert.Contains("d.t", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bit_enum_and_set_travel_as_numbers_and_json_as_utf8mb4()
    {
        var spec = new CopyTableSpec("d", "t",
            [new CopyColumn("id", "int", null), new CopyColumn("e", "enum", "utf8mb4"), new CopyColumn("j", "json", null)],
            [], 0);

        var (columns, expressions) = CopySql.LoadTargets(spec);

        Assert.Equal(["`id`", "@v1", "@v2"], columns);
        Assert.Equal(["`e` = CAST(@v1 AS UNSIGNED)", "`j` = CONVERT(@v2 USING utf8mb4)"], expressions);
        Assert.Equal("CAST(`e` + 0 AS BINARY)", CopySql.SelectExpression(spec.Columns[1]));
    }
}
