using FlexMigrate.Core.Binlog;
using FlexMigrate.Core.Binlog.Values;

namespace FlexMigrate.Tests.Binlog;

public sealed class JsonBinaryDecoderTests
{
    private static List<KeyValuePair<string, object?>> Obj(params (string K, object? V)[] items) =>
        [.. items.Select(i => new KeyValuePair<string, object?>(i.K, i.V))];

    private static List<object?> Arr(params object?[] items) => [.. items];

    public static TheoryData<string, string> Scalars() => new()
    {
        { "null", "null" },
        { "true", "true" },
        { "false", "false" },
        { "int16", "-32768" },
        { "uint16", "65535" },
        { "int32", "-2147483648" },
        { "uint32", "4294967295" },
        { "int64", "-9223372036854775808" },
        { "uint64", "18446744073709551615" },
        { "double", "2.5" },
        { "double-integral", "3.0" },
        { "string", "\"a\\\"b\\\\c\\n\\u0001é😀\"" },
        { "decimal", "-123.4500" },
        { "date", "\"2024-02-29\"" },
        { "datetime", "\"2024-02-29 13:14:15.123456\"" },
        { "time", "\"-12:34:56\"" },
        { "blob", "\"base64:type252:AAH/\"" },
    };

    [Theory]
    [MemberData(nameof(Scalars))]
    public void Every_scalar_node_type_prints_as_MySQL_prints_it(string kind, string expected)
    {
        var value = ScalarFor(kind);

        Assert.Equal(expected, JsonBinaryDecoder.Decode(JsonBinaryWriter.Document(value)));
    }

    [Fact]
    public void Small_and_large_containers_nest_with_inlined_and_offset_values()
    {
        var doc = Obj(
            ("", "empty key"),
            ("small", Arr(new JsonInt(5, -1), new JsonInt(7, 70000), null, "x", Obj())),
            ("large", new Large(Arr(new JsonInt(7, -5), new JsonInt(8, 5), true, new Large(Obj(("k", 1.5)))))),
            ("deep", Arr(Arr(Arr()))));

        var text = JsonBinaryDecoder.Decode(JsonBinaryWriter.Document(doc));

        Assert.Equal("""{"": "empty key", "small": [-1, 70000, null, "x", {}], "large": [-5, 5, true, {"k": 1.5}], "deep": [[[]]]}""", text);
    }

    [Fact]
    public void Empty_value_reads_as_null() => Assert.Equal("null", JsonBinaryDecoder.Decode([]));

    [Fact]
    public void Offsets_pointing_outside_the_container_are_rejected()
    {
        var bytes = JsonBinaryWriter.Document(Obj(("a", "value")));
        bytes[1 + 4 + 2 + 2 + 1] = 0xF0; // the value entry's offset

        Assert.Throws<BinlogFormatException>(() => JsonBinaryDecoder.Decode(bytes));
    }

    private static object? ScalarFor(string kind) => kind switch
    {
        "null" => null,
        "true" => true,
        "false" => false,
        "int16" => new JsonInt(5, short.MinValue),
        "uint16" => new JsonInt(6, ushort.MaxValue),
        "int32" => new JsonInt(7, int.MinValue),
        "uint32" => new JsonInt(8, uint.MaxValue),
        "int64" => new JsonInt(9, long.MinValue),
        "uint64" => new JsonInt(10, unchecked((long)ulong.MaxValue)),
        "double" => 2.5,
        "double-integral" => 3.0,
        "string" => "a\"b\\c\n\u0001é😀",
        // DECIMAL(7,4) -123.4500: precision, scale, then the binary decimal (positive 0x80 flag, negative inverted).
        "decimal" => new Opaque(246, [7, 4, .. Invert([0x80, 0x7B, 0x11, 0x94])]),
        "date" => new Opaque(10, BitConverter.GetBytes(PackedDate(2024, 2, 29))),
        "datetime" => new Opaque(12, BitConverter.GetBytes(PackedDate(2024, 2, 29) | (((13L << 12) | (14 << 6) | 15) << 24) | 123456)),
        "time" => new Opaque(11, BitConverter.GetBytes(-(((12L << 12) | (34 << 6) | 56) << 24))),
        "blob" => new Opaque(252, [0, 1, 255]),
        _ => throw new ArgumentException(kind),
    };

    private static byte[] Invert(byte[] positive) => [.. positive.Select(b => (byte)~b)];

    // my_datetime_packed: ((year*13+month) << 5 | day) << 17 << 24.
    private static long PackedDate(int year, int month, int day) => ((((long)year * 13) + month) << 5 | (long)day) << 17 << 24;
}
