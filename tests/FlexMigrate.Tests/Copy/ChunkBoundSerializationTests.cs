using System.Text.Json;
using FlexMigrate.Core.Copy;
using FlexMigrate.Core.Schema;

namespace FlexMigrate.Tests.Copy;

public class ChunkBoundSerializationTests
{
    private static readonly CopyColumn Name = new("name", "varchar", "latin1");
    private static readonly CopyColumn Raw = new("raw", "varbinary", null);

    [Fact]
    public void Text_and_binary_bounds_keep_trailing_spaces_nul_bytes_and_charset_through_json()
    {
        var text = KeyValue.FromSourceBytes(Name, [0x61, 0xE9, 0x20, 0x20]);
        var bytes = KeyValue.FromSourceBytes(Raw, [0x00, 0xFF, 0x00]);
        var chunk = new CopyChunk(3, new ChunkBound([text, bytes]), new ChunkBound([KeyValue.FromInteger(-5), bytes]));

        var json = JsonSerializer.Serialize(chunk);
        var back = JsonSerializer.Deserialize<CopyChunk>(json)!;

        Assert.Equal(chunk, back);
        Assert.Equal("_latin1 X'61E92020'", back.From!.Values[0].ToSqlLiteral());
        Assert.Equal("X'00FF00'", back.From.Values[1].ToSqlLiteral());
        Assert.Contains("\"Type\":\"Text\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Table_spec_round_trips_through_json()
    {
        var spec = new CopyTableSpec("db", "t", [Name, Raw, new CopyColumn("n", "int", null)], [Name, Raw], 42);

        var back = JsonSerializer.Deserialize<CopyTableSpec>(JsonSerializer.Serialize(spec))!;

        Assert.Equal(spec.Database, back.Database);
        Assert.Equal(spec.Columns, back.Columns);
        Assert.Equal(spec.KeyColumns, back.KeyColumns);
        Assert.Equal(42, back.EstimatedRows);
        Assert.Equal(ColumnTypeFamily.Binary, back.KeyColumns[1].Kind);
    }

    [Theory]
    [InlineData(KeyValueType.Number, "1; DROP TABLE t")]
    [InlineData(KeyValueType.Temporal, "2020-01-01' OR '1")]
    [InlineData(KeyValueType.Binary, "0x41")]
    [InlineData(KeyValueType.Text, "4G")]
    public void A_tampered_bound_is_refused_instead_of_reaching_sql(KeyValueType type, string value)
    {
        var bound = new KeyValue(type, value, "utf8mb4");

        Assert.Throws<FormatException>(bound.ToSqlLiteral);
    }

    [Fact]
    public void Text_bound_with_a_charset_that_is_not_a_name_is_refused()
    {
        Assert.Throws<FormatException>(new KeyValue(KeyValueType.Text, "41", "utf8 X'").ToSqlLiteral);
    }

    [Theory]
    [InlineData("-838:59:59.000000")]
    [InlineData("0000-00-00 00:00:00")]
    [InlineData("2038-01-19 03:14:07.999999")]
    public void Temporal_bounds_accept_server_text(string value)
    {
        Assert.Equal("'" + value + "'", new KeyValue(KeyValueType.Temporal, value).ToSqlLiteral());
    }
}
