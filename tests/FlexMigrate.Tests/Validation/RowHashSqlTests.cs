using FlexMigrate.Core.Validation;

namespace FlexMigrate.Tests.Validation;

public class RowHashSqlTests
{
    [Theory]
    [InlineData("int", "int(11)", "IFNULL(`c`,'~')")]
    [InlineData("decimal", "decimal(10,2)", "IFNULL(`c`,'~')")]
    [InlineData("float", "float", "IFNULL((`c` + 0e0),'~')")]
    [InlineData("double", "double", "IFNULL(`c`,'~')")]
    [InlineData("datetime", "datetime(6)", "IFNULL(`c`,'~')")]
    [InlineData("bit", "bit(10)", "IFNULL((`c` + 0),'~')")]
    [InlineData("varchar", "varchar(5)", "IFNULL(HEX(`c`),'~')")]
    [InlineData("enum", "enum('a')", "IFNULL(HEX(`c`),'~')")]
    [InlineData("binary", "binary(4)", "IFNULL(HEX(`c`),'~')")]
    [InlineData("longblob", "longblob", "IFNULL(MD5(`c`),'~')")]
    [InlineData("json", "longtext", "IFNULL(MD5(`c`),'~')")]
    [InlineData("geometry", "geometry", "IFNULL(MD5(`c`),'~')")]
    public void Each_type_family_hashes_its_exact_value(string dataType, string columnType, string expected)
    {
        Assert.Equal(expected, RowHashSql.Value(Columns.Of("c", dataType, columnType)));
    }

    [Fact]
    public void Row_hash_keeps_column_positions_and_sums_as_unsigned()
    {
        var columns = new[] { Columns.Int("a"), Columns.Varchar("b`x") };
        Assert.Equal("CONCAT_WS('|',IFNULL(`a`,'~'),IFNULL(HEX(`b``x`),'~'))", RowHashSql.RowText(columns));
        Assert.Equal("CAST(CONV(LEFT(MD5(CONCAT_WS('|',IFNULL(`a`,'~'),IFNULL(HEX(`b``x`),'~'))),16),16,10) AS UNSIGNED)",
            RowHashSql.RowHash64(columns));
    }
}
