using System.Buffers.Binary;
using System.Text;

namespace FlexMigrate.Core.Binlog.Protocol;

/// <summary>
/// Bounds-checked little-endian reader over one packet or event body. Every read that would run past the end throws
/// <see cref="BinlogFormatException"/> naming <see cref="Context"/> and the offset, so malformed input never turns into
/// an IndexOutOfRangeException or a silently wrong value.
/// </summary>
internal ref struct ByteReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _offset;

    public ByteReader(ReadOnlySpan<byte> data, string context)
    {
        _data = data;
        Context = context;
    }

    public string Context { get; }

    public readonly int Offset => _offset;

    public readonly int Remaining => _data.Length - _offset;

    public readonly ReadOnlySpan<byte> Rest => _data[_offset..];

    public byte ReadByte() => Take(1)[0];

    public ushort ReadUInt16() => BinaryPrimitives.ReadUInt16LittleEndian(Take(2));

    public uint ReadUInt24()
    {
        var s = Take(3);
        return (uint)(s[0] | (s[1] << 8) | (s[2] << 16));
    }

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    public ulong ReadUInt48()
    {
        var s = Take(6);
        return BinaryPrimitives.ReadUInt32LittleEndian(s) | ((ulong)BinaryPrimitives.ReadUInt16LittleEndian(s[4..]) << 32);
    }

    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    /// <summary>Reads an unsigned little-endian integer of 1..8 bytes.</summary>
    public ulong ReadUIntLE(int size)
    {
        var s = Take(size);
        ulong v = 0;
        for (var i = size - 1; i >= 0; i--)
        {
            v = (v << 8) | s[i];
        }

        return v;
    }

    /// <summary>Length-encoded integer. See https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_basic_dt_integers.html</summary>
    public ulong ReadLengthEncoded()
    {
        var first = ReadByte();
        return first switch
        {
            < 0xFB => first,
            0xFC => ReadUInt16(),
            0xFD => ReadUInt24(),
            0xFE => ReadUInt64(),
            _ => throw Error($"invalid length-encoded integer prefix 0x{first:X2}"),
        };
    }

    /// <summary>A length-encoded integer used as a byte count within this buffer.</summary>
    public int ReadLengthEncodedCount()
    {
        var at = _offset;
        var v = ReadLengthEncoded();
        if (v > (ulong)Remaining)
        {
            throw Error($"length {v} at offset {at} exceeds the {Remaining} bytes left");
        }

        return (int)v;
    }

    public ReadOnlySpan<byte> ReadLengthEncodedBytes() => Take(ReadLengthEncodedCount());

    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        if (count < 0)
        {
            throw Error($"negative length {count}");
        }

        return Take(count);
    }

    public ReadOnlySpan<byte> ReadNullTerminated()
    {
        var rest = Rest;
        var end = rest.IndexOf((byte)0);
        if (end < 0)
        {
            throw Error("string without NUL terminator");
        }

        _offset += end + 1;
        return rest[..end];
    }

    public string ReadNullTerminatedString() => Encoding.UTF8.GetString(ReadNullTerminated());

    public ReadOnlySpan<byte> ReadToEnd()
    {
        var rest = Rest;
        _offset = _data.Length;
        return rest;
    }

    public void Skip(int count) => ReadBytes(count);

    public readonly BinlogFormatException Error(string what) =>
        new($"Malformed {Context}: {what} (offset {_offset} of {_data.Length}).");

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > _data.Length - _offset)
        {
            throw Error($"needs {count} more bytes, only {_data.Length - _offset} left");
        }

        var s = _data.Slice(_offset, count);
        _offset += count;
        return s;
    }
}
