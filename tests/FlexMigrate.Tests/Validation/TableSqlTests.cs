using FlexMigrate.Core.Validation;

namespace FlexMigrate.Tests.Validation;

public class TableSqlTests
{
    private static readonly TableRef Table = new("db", "t");

    [Fact]
    public void Composite_bounds_expand_to_index_friendly_or_terms()
    {
        var shape = new TableShape([Columns.Int("a"), Columns.Varchar("b"), Columns.Int("v")], ["a", "b"]);
        var where = new TableSql(Table, shape, 16).Where(new ChunkBounds(["1", "61"], ["5", "62"]), []);
        Assert.Equal(
            "((`a` > CAST(@lo0 AS SIGNED)) OR (`a` = CAST(@lo0 AS SIGNED) AND `b` >= CONVERT(UNHEX(@lo1) USING utf8mb4) COLLATE utf8mb4_general_ci))"
            + " AND ((`a` < CAST(@hi0 AS SIGNED)) OR (`a` = CAST(@hi0 AS SIGNED) AND `b` < CONVERT(UNHEX(@hi1) USING utf8mb4) COLLATE utf8mb4_general_ci))",
            where.Text);
        Assert.Equal(["@lo0=1", "@lo1=61", "@hi0=5", "@hi1=62"], where.Parameters.Select(p => $"{p.Key}={p.Value}"));
    }

    [Fact]
    public void Single_key_bounds_and_drill_down_path()
    {
        var shape = new TableShape([Columns.Int("id"), Columns.Varchar("v")], ["id"]);
        var where = new TableSql(Table, shape, 16).Where(new ChunkBounds(["100"], null), [3, 7]);
        Assert.Equal(
            "`id` >= CAST(@lo0 AS SIGNED)"
            + " AND MOD(CRC32(CONCAT('0|',CONCAT_WS('|',CAST(`id` AS CHAR)))),16) = 3"
            + " AND MOD(CRC32(CONCAT('1|',CONCAT_WS('|',CAST(`id` AS CHAR)))),16) = 7",
            where.Text);
    }

    [Fact]
    public void Whole_table_without_key_buckets_by_row_hash()
    {
        var shape = new TableShape([Columns.Int("x")], []);
        var sql = new TableSql(Table, shape, 4);
        var where = sql.Where(ChunkBounds.WholeTable, [1]);
        Assert.Equal("MOD(CRC32(CONCAT('0|',MD5(CONCAT_WS('|',IFNULL(`x`,'~'))))),4) = 1", where.Text);
        Assert.True(sql.IsMultiset);
        Assert.StartsWith("SELECT MD5(CONCAT_WS('|',IFNULL(`x`,'~'))), COUNT(*), MIN(", sql.MultisetRows(where).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Aggregate_sums_exactly_and_reads_the_sum_as_text()
    {
        var shape = new TableShape([Columns.Int("id")], ["id"]);
        var sql = new TableSql(Table, shape, 16);
        Assert.Equal(
            "SELECT COUNT(*), CAST(COALESCE(SUM(CAST(CONV(LEFT(MD5(CONCAT_WS('|',IFNULL(`id`,'~'))),16),16,10) AS UNSIGNED)),0) AS CHAR) FROM `db`.`t` WHERE 1=1",
            sql.Aggregate(sql.Where(ChunkBounds.WholeTable, [])).Text);
    }
}
