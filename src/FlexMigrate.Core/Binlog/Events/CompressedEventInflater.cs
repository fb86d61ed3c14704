using System.IO.Compression;

namespace FlexMigrate.Core.Binlog.Events;

/// <summary>
/// MariaDB compressed payload (events 165-171): `header(1) = 0x80 | n`, uncompressed length in n bytes big-endian,
/// then a zlib stream. See https://mariadb.com/kb/en/compressed-binary-log/
/// </summary>
internal static class CompressedEventInflater
{
    public static byte[] Inflate(ReadOnlySpan<byte> data, string context)
    {
        var r = new Protocol.ByteReader(data, context);
        var header = r.ReadByte();
        var lengthBytes = header & 0x07;
        if ((header & 0x70) != 0 || lengthBytes is 0 or > 4)
        {
            throw r.Error($"compression header 0x{header:X2} (only zlib with a 1-4 byte length is defined)");
        }

        var length = 0L;
        foreach (var b in r.ReadBytes(lengthBytes))
        {
            length = (length << 8) | b;
        }

        if (length > int.MaxValue)
        {
            throw r.Error($"uncompressed length {length}");
        }

        var output = new byte[length];
        var compressed = r.ReadToEnd().ToArray();
        try
        {
            using var zlib = new ZLibStream(new MemoryStream(compressed), CompressionMode.Decompress);
            zlib.ReadExactly(output);
            if (zlib.ReadByte() != -1)
            {
                throw r.Error($"inflates to more than the {length} bytes announced");
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException)
        {
            throw new BinlogFormatException($"Malformed {context}: zlib data does not inflate to {length} bytes ({ex.Message}).", ex);
        }

        return output;
    }
}
