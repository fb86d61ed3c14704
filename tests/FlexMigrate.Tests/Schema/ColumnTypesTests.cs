using FlexMigrate.Core.Copy;
using FlexMigrate.Core.Schema;
using FlexMigrate.Core.Validation;
using FlexMigrate.Tests.Validation;

namespace FlexMigrate.Tests.Schema;

/// <summary>
/// Every MySQL/MariaDB type name spelling (MySQL 8.0 "Data Types" and "Using Data Types from Other Database Engines",
/// MariaDB "Data Types" incl. sql_mode=ORACLE synonyms) maps to one family, which the copy and validation both use.
/// </summary>
public class ColumnTypesTests
{
    [Theory]
    [InlineData("tinyint", "tinyint", ColumnTypeFamily.Integer)]
    [InlineData("TINYINT(1) UNSIGNED ZEROFILL", "tinyint", ColumnTypeFamily.Integer)]
    [InlineData("bool", "tinyint", ColumnTypeFamily.Integer)]
    [InlineData("BOOLEAN", "tinyint", ColumnTypeFamily.Integer)]
    [InlineData("int1", "tinyint", ColumnTypeFamily.Integer)]
    [InlineData("smallint", "smallint", ColumnTypeFamily.Integer)]
    [InlineData("int2", "smallint", ColumnTypeFamily.Integer)]
    [InlineData("mediumint", "mediumint", ColumnTypeFamily.Integer)]
    [InlineData("middleint", "mediumint", ColumnTypeFamily.Integer)]
    [InlineData("int3", "mediumint", ColumnTypeFamily.Integer)]
    [InlineData("int", "int", ColumnTypeFamily.Integer)]
    [InlineData("integer", "int", ColumnTypeFamily.Integer)]
    [InlineData("int4", "int", ColumnTypeFamily.Integer)]
    [InlineData("int(10) unsigned", "int", ColumnTypeFamily.Integer)]
    [InlineData("bigint", "bigint", ColumnTypeFamily.Integer)]
    [InlineData("int8", "bigint", ColumnTypeFamily.Integer)]
    [InlineData("serial", "bigint", ColumnTypeFamily.Integer)]
    [InlineData("decimal", "decimal", ColumnTypeFamily.Decimal)]
    [InlineData("decimal(65,30) unsigned", "decimal", ColumnTypeFamily.Decimal)]
    [InlineData("dec", "decimal", ColumnTypeFamily.Decimal)]
    [InlineData("numeric", "decimal", ColumnTypeFamily.Decimal)]
    [InlineData("fixed", "decimal", ColumnTypeFamily.Decimal)]
    [InlineData("number", "decimal", ColumnTypeFamily.Decimal)]
    [InlineData("float", "float", ColumnTypeFamily.Float)]
    [InlineData("float4", "float", ColumnTypeFamily.Float)]
    [InlineData("float(7,3)", "float", ColumnTypeFamily.Float)]
    [InlineData("double", "double", ColumnTypeFamily.Double)]
    [InlineData("double precision", "double", ColumnTypeFamily.Double)]
    [InlineData("DOUBLE  PRECISION(10,2) UNSIGNED", "double", ColumnTypeFamily.Double)]
    [InlineData("real", "double", ColumnTypeFamily.Double)]
    [InlineData("float8", "double", ColumnTypeFamily.Double)]
    [InlineData("bit", "bit", ColumnTypeFamily.Bit)]
    [InlineData("bit(64)", "bit", ColumnTypeFamily.Bit)]
    [InlineData("enum('a','b')", "enum", ColumnTypeFamily.Enum)]
    [InlineData("set('x','y')", "set", ColumnTypeFamily.Set)]
    [InlineData("date", "date", ColumnTypeFamily.Temporal)]
    [InlineData("datetime(6)", "datetime", ColumnTypeFamily.Temporal)]
    [InlineData("timestamp", "timestamp", ColumnTypeFamily.Temporal)]
    [InlineData("time(3)", "time", ColumnTypeFamily.Temporal)]
    [InlineData("year(4)", "year", ColumnTypeFamily.Temporal)]
    [InlineData("char", "char", ColumnTypeFamily.Char)]
    [InlineData("character", "char", ColumnTypeFamily.Char)]
    [InlineData("char(10) binary", "char", ColumnTypeFamily.Char)]
    [InlineData("char(10) character set latin1", "char", ColumnTypeFamily.Char)]
    [InlineData("nchar", "char", ColumnTypeFamily.Char)]
    [InlineData("national char", "char", ColumnTypeFamily.Char)]
    [InlineData("national character(5)", "char", ColumnTypeFamily.Char)]
    [InlineData("varchar(20)", "varchar", ColumnTypeFamily.Char)]
    [InlineData("character varying(20)", "varchar", ColumnTypeFamily.Char)]
    [InlineData("char varying", "varchar", ColumnTypeFamily.Char)]
    [InlineData("varcharacter", "varchar", ColumnTypeFamily.Char)]
    [InlineData("nvarchar", "varchar", ColumnTypeFamily.Char)]
    [InlineData("national varchar", "varchar", ColumnTypeFamily.Char)]
    [InlineData("national character varying", "varchar", ColumnTypeFamily.Char)]
    [InlineData("national char varying", "varchar", ColumnTypeFamily.Char)]
    [InlineData("nchar varchar", "varchar", ColumnTypeFamily.Char)]
    [InlineData("varchar2", "varchar", ColumnTypeFamily.Char)]
    [InlineData("tinytext", "tinytext", ColumnTypeFamily.Text)]
    [InlineData("text", "text", ColumnTypeFamily.Text)]
    [InlineData("text character set latin1 collate latin1_bin", "text", ColumnTypeFamily.Text)]
    [InlineData("mediumtext", "mediumtext", ColumnTypeFamily.Text)]
    [InlineData("long", "mediumtext", ColumnTypeFamily.Text)]
    [InlineData("long varchar", "mediumtext", ColumnTypeFamily.Text)]
    [InlineData("longtext", "longtext", ColumnTypeFamily.Text)]
    [InlineData("clob", "longtext", ColumnTypeFamily.Text)]
    [InlineData("binary(16)", "binary", ColumnTypeFamily.Binary)]
    [InlineData("varbinary(255)", "varbinary", ColumnTypeFamily.Binary)]
    [InlineData("raw", "varbinary", ColumnTypeFamily.Binary)]
    [InlineData("tinyblob", "tinyblob", ColumnTypeFamily.Blob)]
    [InlineData("blob", "blob", ColumnTypeFamily.Blob)]
    [InlineData("mediumblob", "mediumblob", ColumnTypeFamily.Blob)]
    [InlineData("long varbinary", "mediumblob", ColumnTypeFamily.Blob)]
    [InlineData("longblob", "longblob", ColumnTypeFamily.Blob)]
    [InlineData("geometry", "geometry", ColumnTypeFamily.Geometry)]
    [InlineData("point", "point", ColumnTypeFamily.Geometry)]
    [InlineData("linestring", "linestring", ColumnTypeFamily.Geometry)]
    [InlineData("polygon", "polygon", ColumnTypeFamily.Geometry)]
    [InlineData("multipoint", "multipoint", ColumnTypeFamily.Geometry)]
    [InlineData("multilinestring", "multilinestring", ColumnTypeFamily.Geometry)]
    [InlineData("multipolygon", "multipolygon", ColumnTypeFamily.Geometry)]
    [InlineData("geometrycollection", "geometrycollection", ColumnTypeFamily.Geometry)]
    [InlineData("geomcollection", "geometrycollection", ColumnTypeFamily.Geometry)]
    [InlineData("json", "json", ColumnTypeFamily.Json)]
    [InlineData("uuid", "uuid", ColumnTypeFamily.Other)]
    [InlineData("inet4", "inet4", ColumnTypeFamily.Other)]
    [InlineData("inet6", "inet6", ColumnTypeFamily.Other)]
    [InlineData("vector(3)", "vector", ColumnTypeFamily.Other)]
    public void Every_spelling_has_one_canonical_name_and_family(string spelling, string canonical, ColumnTypeFamily family)
    {
        Assert.Equal(canonical, ColumnTypes.Canonical(spelling));
        Assert.Equal(family, ColumnTypes.FamilyOf(spelling));
    }

    [Theory]
    [InlineData("tinytext", false)]
    [InlineData("tinyblob", false)]
    [InlineData("varchar", false)]
    [InlineData("text", true)]
    [InlineData("long varbinary", true)]
    [InlineData("json", true)]
    [InlineData("geomcollection", true)]
    [InlineData("point", true)]
    public void Large_types_are_those_stored_off_row(string dataType, bool large)
    {
        Assert.Equal(large, ColumnTypes.IsLarge(dataType));
    }

    /// <summary>
    /// The disagreement issue 13 found: the copy knew "double precision" as DOUBLE, validation hashed it as a large
    /// value (MD5 of its text) because its own map did not know the spelling.
    /// </summary>
    [Theory]
    [InlineData("double precision")]
    [InlineData("float8")]
    [InlineData("int4")]
    [InlineData("dec")]
    public void Copy_and_validation_classify_a_spelling_alike(string spelling)
    {
        var copy = new CopyColumn("c", spelling, null).Kind;
        var validation = Columns.Of("c", spelling, spelling);
        Assert.Equal(copy, ColumnTypes.FamilyOf(spelling));
        Assert.Equal("IFNULL(`c`,'~')", RowHashSql.Value(validation));
    }
}
