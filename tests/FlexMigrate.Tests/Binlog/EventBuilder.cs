using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace FlexMigrate.Tests.Binlog;

/// <summary>
/// Builds binlog events byte by byte from the documented layouts (MySQL 8.0 and MariaDB), for decoder tests without
/// a MySQL server: common header, bodies, and the CRC32 footer.
/// </summary>
internal static class EventBuilder
{
    public const byte Query = 2, Rotate = 4, Fde = 15, Xid = 16, TableMap = 19, WriteV2 = 30, UpdateV2 = 31, DeleteV2 = 32;
    public const byte Gtid = 33, PreviousGtids = 35, PartialUpdate = 39, Payload = 40, Heartbeat = 27;

    /// <summary>header(19) + body [+ CRC32]; log_pos is <paramref name="logPos"/>.</summary>
    public static byte[] Event(byte type, byte[] body, uint logPos, bool checksum = true, uint timestamp = 1700000000, ushort flags = 0)
    {
        var size = 19 + body.Length + (checksum ? 4 : 0);
        var e = new byte[size];
        BinaryPrimitives.WriteUInt32LittleEndian(e, timestamp);
        e[4] = type;
        BinaryPrimitives.WriteUInt32LittleEndian(e.AsSpan(5), 1);
        BinaryPrimitives.WriteUInt32LittleEndian(e.AsSpan(9), (uint)size);
        BinaryPrimitives.WriteUInt32LittleEndian(e.AsSpan(13), logPos);
        BinaryPrimitives.WriteUInt16LittleEndian(e.AsSpan(17), flags);
        body.CopyTo(e, 19);
        if (checksum)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(e.AsSpan(size - 4), Crc32.HashToUInt32(e.AsSpan(0, size - 4)));
        }

        return e;
    }

    public static byte[] FakeRotate(string file, ulong position, bool checksum = true) =>
        Event(Rotate, [.. U64(position), .. Encoding.ASCII.GetBytes(file)], 0, checksum, timestamp: 0, flags: 0x20);

    /// <summary>MySQL 8.0 FORMAT_DESCRIPTION: version 4, server version, post-header lengths (TABLE_MAP 8 => 6-byte ids), checksum alg.</summary>
    public static byte[] FormatDescription(string serverVersion = "8.0.36", bool checksum = true)
    {
        var version = new byte[50];
        Encoding.ASCII.GetBytes(serverVersion).CopyTo(version, 0);
        var postHeaders = new byte[41];
        postHeaders[TableMap - 1] = 8;
        postHeaders[Query - 1] = 13;
        postHeaders[WriteV2 - 1] = 10;
        byte[] body = [.. U16(4), .. version, .. U32(0), 19, .. postHeaders, (byte)(checksum ? 1 : 0)];
        // The FDE carries its CRC whenever the server knows checksums; its own alg byte says whether later events do.
        return Event(Fde, body, 0, checksum: true);
    }

    /// <summary>A QUERY event with the given status variables and query bytes (the layouts of statement_events.h).</summary>
    public static byte[] QueryEvent(string db, byte[] status, byte[] query, uint logPos, uint timestamp = 1700000000)
    {
        byte[] body = [.. U32(7), .. U32(0), (byte)db.Length, .. U16(0), .. U16((ushort)status.Length), .. status,
            .. Encoding.UTF8.GetBytes(db), 0, .. query];
        return Event(Query, body, logPos, checksum: true, timestamp: timestamp);
    }

    public static byte[] QueryEvent(string db, string sql, uint logPos, bool checksum = true)
    {
        byte[] status = [0, 0, 0, 0, 0]; // Q_FLAGS2_CODE = 0
        byte[] body = [.. U32(7), .. U32(0), (byte)db.Length, .. U16(0), .. U16((ushort)status.Length), .. status,
            .. Encoding.UTF8.GetBytes(db), 0, .. Encoding.UTF8.GetBytes(sql)];
        return Event(Query, body, logPos, checksum);
    }

    public static byte[] XidEvent(uint logPos, bool checksum = true) => Event(Xid, U64(99), logPos, checksum);

    public static byte[] MySqlGtid(Guid sid, ulong gno, uint logPos, bool checksum = true)
    {
        var uuid = new byte[16];
        sid.TryWriteBytes(uuid, bigEndian: true, out _);
        byte[] body = [1, .. uuid, .. U64(gno), 2, .. U64(0), .. U64(1)];
        return Event(Gtid, body, logPos, checksum);
    }

    /// <summary>TABLE_MAP with 6-byte table id, given types and metadata bytes, all columns nullable, optional metadata TLVs.</summary>
    public static byte[] TableMapEvent(ulong tableId, string db, string table, byte[] types, byte[] meta, byte[] optional, uint logPos, bool checksum = true)
    {
        byte[] body = [.. U48(tableId), .. U16(1), (byte)db.Length, .. Encoding.UTF8.GetBytes(db), 0,
            (byte)table.Length, .. Encoding.UTF8.GetBytes(table), 0, (byte)types.Length, .. types,
            (byte)meta.Length, .. meta, .. Enumerable.Repeat((byte)0xFF, (types.Length + 7) / 8), .. optional];
        return Event(TableMap, body, logPos, checksum);
    }

    /// <summary>Optional metadata TLV: type(1) length(lenenc) value.</summary>
    public static byte[] Tlv(byte type, byte[] value) => [type, .. LengthEncoded((ulong)value.Length), .. value];

    public static byte[] Names(params string[] names) =>
        [.. names.SelectMany(n => (byte[])[.. LengthEncoded((ulong)Encoding.UTF8.GetByteCount(n)), .. Encoding.UTF8.GetBytes(n)])];

    /// <summary>ROWS v2: table id, flags, extra (length counts itself), width, present bitmaps, row images.</summary>
    public static byte[] RowsV2(byte type, ulong tableId, int columns, byte[] rows, uint logPos, bool checksum = true, byte[]? extra = null)
    {
        extra ??= [];
        var bitmap = Enumerable.Repeat((byte)0xFF, (columns + 7) / 8).ToArray();
        if (columns % 8 != 0)
        {
            bitmap[^1] = (byte)((1 << (columns % 8)) - 1);
        }

        byte[] body = [.. U48(tableId), .. U16(1), .. U16((ushort)(2 + extra.Length)), .. extra, (byte)columns, .. bitmap,
            .. (type == UpdateV2 ? bitmap : []), .. rows];
        return Event(type, body, logPos, checksum);
    }

    public static byte[] LengthEncoded(ulong v) => v switch
    {
        < 251 => [(byte)v],
        < 0x10000 => [0xFC, .. U16((ushort)v)],
        < 0x1000000 => [0xFD, (byte)v, (byte)(v >> 8), (byte)(v >> 16)],
        _ => [0xFE, .. U64(v)],
    };

    public static byte[] U16(ushort v)
    {
        var b = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(b, v);
        return b;
    }

    public static byte[] U32(uint v)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, v);
        return b;
    }

    public static byte[] U48(ulong v) => U64(v)[..6];

    public static byte[] U64(ulong v)
    {
        var b = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(b, v);
        return b;
    }
}
