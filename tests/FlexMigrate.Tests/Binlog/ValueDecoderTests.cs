using FlexMigrate.Core.Binlog;
using FlexMigrate.Core.Binlog.Values;

namespace FlexMigrate.Tests.Binlog;

/// <summary>DECIMAL and temporal layouts, including the old pre-5.6 temporal formats MariaDB 10.11 no longer writes.</summary>
public sealed class ValueDecoderTests
{
    [Theory]
    [InlineData("81 0D FB 38 D2 04 D2", 14, 4, "1234567890.1234")] // the MySQL manual's example
    [InlineData("7E F2 04 C7 2D FB 2D", 14, 4, "-1234567890.1234")]
    [InlineData("80 00", 4, 0, "0")]
    [InlineData("80 00 00 00 00", 10, 10, "0.0000000000")]
    public void Decimal_fixtures(string hex, int precision, int scale, string expected) =>
        Assert.Equal(expected, DecimalDecoder.Decode(Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal)), precision, scale));

    [Fact]
    public void Decimal_65_digits_round_trip_exactly_for_random_values()
    {
        var random = new Random(65);
        for (var i = 0; i < 2000; i++)
        {
            var precision = random.Next(1, 66);
            var scale = random.Next(0, Math.Min(precision, 30) + 1);
            var text = RandomDecimal(random, precision, scale);

            Assert.Equal(text, DecimalDecoder.Decode(DecimalEncoder.Encode(text, precision, scale), precision, scale));
        }
    }

    [Fact]
    public void Decimal_groups_over_nine_digits_are_malformed()
    {
        var bytes = Convert.FromHexString("FFFFFFFF");
        Assert.Throws<BinlogFormatException>(() => DecimalDecoder.Decode(bytes, 9, 0));
    }

    [Theory]
    [InlineData(ColumnType.Date, "A1 B0 0F", 0, "2008-05-01")] // 2008*512 + 5*32 + 1 = 0x0FB0A1
    [InlineData(ColumnType.Date, "00 00 00", 0, "0000-00-00")]
    [InlineData(ColumnType.Time, "89 3E F3", 0, "-83:59:59")] // -835959 as 3-byte LE two's complement
    [InlineData(ColumnType.DateTime, "F7 07 F1 1B D6 12 00 00", 0, "2071-08-01 08:23:59")] // 20710801082359
    [InlineData(ColumnType.Timestamp, "00 00 00 00", 0, "0000-00-00 00:00:00")]
    [InlineData(ColumnType.Timestamp, "FF FF FF 7F", 0, "2038-01-19 03:14:07")]
    [InlineData(ColumnType.Timestamp2, "7F FF FF FF 0F 42 3F", 6, "2038-01-19 03:14:07.999999")]
    [InlineData(ColumnType.Timestamp2, "00 00 00 00 00 00 00", 6, "0000-00-00 00:00:00.000000")]
    [InlineData(ColumnType.Timestamp2, "00 00 00 00 00 00 01", 6, "1970-01-01 00:00:00.000001")] // MariaDB: 0 s + 1 µs is not zero (online e2e regression)
    [InlineData(ColumnType.Time2, "7F FF FF CE", 1, "-00:00:00.5")]
    [InlineData(ColumnType.Time2, "80 00 00 00 00 01", 6, "00:00:00.000001")]
    [InlineData(ColumnType.Time2, "7F FF FF FF FF FF", 6, "-00:00:00.000001")]
    [InlineData(ColumnType.Year, "00", 0, "0")]
    [InlineData(ColumnType.Year, "FF", 0, "2155")]
    public void Temporal_fixtures(ColumnType type, string hex, int fsp, string expected)
    {
        var value = ColumnValueDecoder.DecodeStandalone(Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal)), new ColumnSpec(type, fsp, 0));

        Assert.Equal(expected, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Binary_padding_is_restored_and_bit_reads_big_endian()
    {
        var padded = ColumnValueDecoder.DecodeStandalone([2, 0x41, 0x00], new ColumnSpec(ColumnType.String, 0, 4, PadBinary: true));
        var bit = ColumnValueDecoder.DecodeStandalone([0x02, 0xAA], new ColumnSpec(ColumnType.Bit, 2 | (1 << 8), 0));

        Assert.Equal(new byte[] { 0x41, 0, 0, 0 }, padded);
        Assert.Equal(0x2AAUL, bit);
    }

    [Fact]
    public void Out_of_range_temporal_fields_are_malformed_not_printed()
    {
        Assert.Throws<BinlogFormatException>(() => ColumnValueDecoder.DecodeStandalone(Convert.FromHexString("80000FFFFF"), new ColumnSpec(ColumnType.DateTime2, 0, 0)));
        Assert.Throws<BinlogFormatException>(() => ColumnValueDecoder.DecodeStandalone([0x80], new ColumnSpec(ColumnType.DateTime2, 7, 0)));
    }

    private static string RandomDecimal(Random random, int precision, int scale)
    {
        var intDigits = precision - scale;
        var integer = intDigits == 0 ? "0" : new string([.. Enumerable.Range(0, random.Next(1, intDigits + 1)).Select(_ => (char)('0' + random.Next(10)))]).TrimStart('0');
        var text = (integer.Length == 0 ? "0" : integer) + (scale > 0 ? "." + new string([.. Enumerable.Range(0, scale).Select(_ => (char)('0' + random.Next(10)))]) : "");
        return random.Next(2) == 0 && text.Any(c => c is >= '1' and <= '9') ? "-" + text : text;
    }
}
