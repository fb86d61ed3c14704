namespace FlexMigrate.Core.Binlog.Values;

/// <summary>
/// Reads one column value of a row image into the lossless form documented on <see cref="RowChange"/>.
/// Layouts: https://mariadb.com/kb/en/rows_event_v1v2-rows_compressed_event_v1/ and MySQL Field::unpack.
/// </summary>
internal static class ColumnValueDecoder
{
    public static object Decode(ref Protocol.ByteReader r, in ColumnSpec c)
    {
        switch (c.Type)
        {
            case ColumnType.Tiny:
                var b = r.ReadByte();
                return c.Unsigned ? (ulong)b : (long)(sbyte)b;
            case ColumnType.Short:
                var s = r.ReadUInt16();
                return c.Unsigned ? (ulong)s : (long)(short)s;
            case ColumnType.Int24:
                var m = r.ReadUInt24();
                return c.Unsigned ? (ulong)m : (long)((int)(m << 8) >> 8);
            case ColumnType.Long:
                var l = r.ReadUInt32();
                return c.Unsigned ? (ulong)l : (long)(int)l;
            case ColumnType.LongLong:
                var ll = r.ReadUInt64();
                return c.Unsigned ? ll : (long)ll;
            case ColumnType.Float:
                return BitConverter.UInt32BitsToSingle(r.ReadUInt32());
            case ColumnType.Double:
                return BitConverter.UInt64BitsToDouble(r.ReadUInt64());
            case ColumnType.NewDecimal:
                var precision = c.Meta & 0xFF;
                var scale = c.Meta >> 8;
                if (precision is < 1 or > 65 || scale > precision)
                {
                    throw r.Error($"DECIMAL metadata precision {precision} scale {scale}");
                }

                return DecimalDecoder.Decode(r.ReadBytes(DecimalDecoder.BinarySize(precision, scale)), precision, scale);
            case ColumnType.Year:
                var y = r.ReadByte();
                return y == 0 ? 0 : 1900 + y;
            case ColumnType.Date:
                return TemporalDecoder.Date(r.ReadUInt24());
            case ColumnType.Time:
                return TemporalDecoder.TimeOld((int)(r.ReadUInt24() << 8) >> 8);
            case ColumnType.DateTime:
                return TemporalDecoder.DateTimeOld(r.ReadUInt64());
            case ColumnType.Timestamp:
                return TemporalDecoder.Timestamp(r.ReadUInt32(), 0, 0);
            case ColumnType.Timestamp2:
                return TemporalDecoder.Timestamp2(r.ReadBytes(4 + TemporalDecoder.FractionBytes(Fsp(ref r, c))), c.Meta);
            case ColumnType.DateTime2:
                return TemporalDecoder.DateTime2(r.ReadBytes(5 + TemporalDecoder.FractionBytes(Fsp(ref r, c))), c.Meta);
            case ColumnType.Time2:
                return TemporalDecoder.Time2(r.ReadBytes(3 + TemporalDecoder.FractionBytes(Fsp(ref r, c))), c.Meta);
            case ColumnType.Bit:
                return ReadBit(ref r, c.Meta);
            case ColumnType.VarChar or ColumnType.VarString:
                return r.ReadBytes(c.Meta < 256 ? r.ReadByte() : r.ReadUInt16()).ToArray();
            case ColumnType.String:
                return ReadFixedString(ref r, c);
            case ColumnType.Enum:
                return (int)r.ReadUIntLE(EnumSetSize(ref r, c, 2));
            case ColumnType.Set:
                return r.ReadUIntLE(EnumSetSize(ref r, c, 8));
            case ColumnType.Blob or ColumnType.TinyBlob or ColumnType.MediumBlob or ColumnType.LongBlob or ColumnType.Geometry:
                return ReadBlob(ref r, c.Meta).ToArray();
            case ColumnType.Json:
                return JsonBinaryDecoder.Decode(ReadBlob(ref r, c.Meta));
            default:
                throw r.Error($"column type {(int)c.Type} ({c.Type}) cannot appear in a row event");
        }
    }

    private static int Fsp(ref Protocol.ByteReader r, in ColumnSpec c) =>
        c.Meta is >= 0 and <= 6 ? c.Meta : throw r.Error($"fractional seconds precision {c.Meta}");

    private static ulong ReadBit(ref Protocol.ByteReader r, int meta)
    {
        var bytes = (meta >> 8) + ((meta & 0xFF) > 0 ? 1 : 0);
        if (bytes is < 1 or > 8)
        {
            throw r.Error($"BIT metadata for {bytes} bytes");
        }

        ulong v = 0;
        foreach (var x in r.ReadBytes(bytes))
        {
            v = (v << 8) | x;
        }

        return v;
    }

    private static byte[] ReadFixedString(ref Protocol.ByteReader r, in ColumnSpec c)
    {
        var length = c.Length > 255 ? r.ReadUInt16() : r.ReadByte();
        if (length > c.Length)
        {
            throw r.Error($"CHAR value of {length} bytes in a column of {c.Length}");
        }

        var data = r.ReadBytes(length);
        if (!c.PadBinary || length == c.Length)
        {
            return data.ToArray();
        }

        // BINARY(n) loses its trailing 0x00 bytes in the binlog (pitfall 15): restore them.
        var padded = new byte[c.Length];
        data.CopyTo(padded);
        return padded;
    }

    private static int EnumSetSize(ref Protocol.ByteReader r, in ColumnSpec c, int max) =>
        c.Length >= 1 && c.Length <= max ? c.Length : throw r.Error($"{c.Type} value size {c.Length}");

    private static ReadOnlySpan<byte> ReadBlob(ref Protocol.ByteReader r, int lengthBytes)
    {
        if (lengthBytes is < 1 or > 4)
        {
            throw r.Error($"BLOB length size {lengthBytes}");
        }

        var length = r.ReadUIntLE(lengthBytes);
        return length > int.MaxValue ? throw r.Error($"BLOB length {length}") : r.ReadBytes((int)length);
    }

    /// <summary>Used by tests and the fuzzer: decode a value from a standalone buffer.</summary>
    internal static object DecodeStandalone(ReadOnlySpan<byte> data, in ColumnSpec c)
    {
        var r = new Protocol.ByteReader(data, $"{c.Type} value");
        return Decode(ref r, c);
    }

}
