using System.Text;
using static FlexMigrate.Tests.Binlog.EventBuilder;

namespace FlexMigrate.Tests.Binlog;

/// <summary>
/// A MySQL 8.0 style stream built from the documented layouts: fake ROTATE, FDE, PREVIOUS_GTIDS, then one transaction
/// `GTID(33) QUERY BEGIN TABLE_MAP(optional metadata) WRITE_ROWS_V2 UPDATE_ROWS_V2 XID` on table shop.items
/// (id BIGINT UNSIGNED, price DECIMAL(10,2), name VARCHAR(20), doc JSON, created DATETIME(3), flag TINYINT).
/// </summary>
internal static class MySqlFixture
{
    public static readonly Guid Sid = Guid.Parse("3e11fa47-71ca-11e1-9e33-c80aa9429562");
    public const string File = "binlog.000007";

    public static readonly byte[] JsonDoc = JsonBinaryWriter.Document(new List<KeyValuePair<string, object?>> { new("a", new JsonInt(5, 1)) });

    public static byte[] Types => [8, 246, 15, 245, 18, 1];

    public static byte[] Meta => [10, 2, .. U16(80), 4, 3];

    public static byte[] OptionalMetadata(bool names = true) =>
    [
        .. Tlv(1, [0x80]),                       // SIGNEDNESS: id unsigned; price, flag signed
        .. Tlv(2, [.. LengthEncoded(255)]),      // DEFAULT_CHARSET utf8mb4_0900_ai_ci for the one character column
        .. (names ? Tlv(4, Names("id", "price", "name", "doc", "created", "flag")) : []),
        .. Tlv(8, [0]),                          // SIMPLE_PRIMARY_KEY (id)
    ];

    public static byte[] Row(bool nameNull = false)
    {
        var name = Encoding.UTF8.GetBytes("héllo");
        // DATETIME2 2024-05-06 07:08:09.123: ((y*13+m) << 5 | d) << 17 | h << 12 | mi << 6 | s, plus 0x8000000000, 5 bytes BE; fraction 1230 (2 bytes BE).
        var ymdhms = (((2024L * 13) + 5) << 5 | 6) << 17 | (7 << 12) | (8 << 6) | 9;
        var dt = BitConverter.GetBytes(ymdhms + 0x8000000000L).Take(5).Reverse().ToArray();
        return
        [
            (byte)(nameNull ? 0x04 : 0x00),
            .. U64(ulong.MaxValue),
            0x80, 0x00, 0x04, 0xD2, 0x38,                  // 1234.56
            .. (nameNull ? [] : (byte[])[(byte)name.Length, .. name]),
            .. U32((uint)JsonDoc.Length), .. JsonDoc,
            .. dt, 0x04, 0xCE,
            0xFF,                                           // -1
        ];
    }

    /// <summary>The events of the transaction (after the stream preamble), with the given checksum setting.</summary>
    public static List<byte[]> Transaction(bool checksum = true, byte[]? optional = null, uint firstPos = 200)
    {
        var pos = firstPos;
        return
        [
            MySqlGtid(Sid, 42, pos += 79, checksum),
            QueryEvent("shop", "BEGIN", pos += 70, checksum),
            TableMapEvent(108, "shop", "items", Types, Meta, optional ?? OptionalMetadata(), pos += 100, checksum),
            RowsV2(WriteV2, 108, 6, Row(), pos += 80, checksum, extra: [0x00, 0x01, 0x02]),
            RowsV2(UpdateV2, 108, 6, [.. Row(), .. Row(nameNull: true)], pos += 150, checksum),
            XidEvent(pos += 31, checksum),
        ];
    }

    public static List<byte[]> Preamble(bool checksum = true) =>
    [
        FakeRotate(File, 4, checksum),
        FormatDescription(checksum: checksum),
        Event(PreviousGtids, [.. U64(1), .. Uuid(Sid), .. U64(1), .. U64(1), .. U64(42)], 191, checksum),
    ];

    public static List<byte[]> Stream(bool checksum = true) => [.. Preamble(checksum), .. Transaction(checksum)];

    private static byte[] Uuid(Guid g)
    {
        var b = new byte[16];
        g.TryWriteBytes(b, bigEndian: true, out _);
        return b;
    }
}
