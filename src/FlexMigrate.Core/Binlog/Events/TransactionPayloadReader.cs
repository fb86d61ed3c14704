using ZstdSharp;

namespace FlexMigrate.Core.Binlog.Events;

/// <summary>
/// MySQL TRANSACTION_PAYLOAD (40, binlog_transaction_compression=ON): header fields `type(lenenc) length(lenenc)
/// value` until type 0 (end mark): 1 payload size, 2 compression type (0 zstd, 255 none), 3 uncompressed size; then the
/// payload: whole events back to back, without checksums.
/// See https://dev.mysql.com/doc/dev/mysql-server/latest/classmysql_1_1binlog_1_1event_1_1Transaction__payload__event.html
/// </summary>
internal static class TransactionPayloadReader
{
    private const int MaxUncompressed = 1024 * 1024 * 1024;

    public static byte[] Decompress(ReadOnlySpan<byte> body)
    {
        var r = new Protocol.ByteReader(body, "TRANSACTION_PAYLOAD event");
        ulong compression = 0, uncompressedSize = 0, payloadSize = 0;
        while (true)
        {
            var type = r.ReadLengthEncoded();
            if (type == 0)
            {
                break;
            }

            var field = new Protocol.ByteReader(r.ReadLengthEncodedBytes(), "TRANSACTION_PAYLOAD header field");
            var value = field.ReadLengthEncoded();
            switch (type)
            {
                case 1: payloadSize = value; break;
                case 2: compression = value; break;
                case 3: uncompressedSize = value; break;
            }
        }

        var payload = r.ReadToEnd();
        if (payloadSize != (ulong)payload.Length)
        {
            throw r.Error($"payload size {payloadSize} but {payload.Length} bytes follow");
        }

        return compression switch
        {
            255 => payload.ToArray(),
            0 => Zstd(payload, uncompressedSize),
            _ => throw r.Error($"compression type {compression} (only zstd=0 and none=255 exist)"),
        };
    }

    private static byte[] Zstd(ReadOnlySpan<byte> payload, ulong uncompressedSize)
    {
        if (uncompressedSize > MaxUncompressed)
        {
            throw new BinlogFormatException($"Malformed TRANSACTION_PAYLOAD event: uncompressed size {uncompressedSize} exceeds 1 GiB.");
        }

        var output = new byte[uncompressedSize];
        try
        {
            using var decompressor = new Decompressor();
            var written = decompressor.Unwrap(payload, output);
            if ((ulong)written != uncompressedSize)
            {
                throw new BinlogFormatException($"Malformed TRANSACTION_PAYLOAD event: zstd gave {written} bytes, header said {uncompressedSize}.");
            }
        }
        catch (ZstdException ex)
        {
            throw new BinlogFormatException($"Malformed TRANSACTION_PAYLOAD event: zstd failed ({ex.Message}).", ex);
        }

        return output;
    }

    /// <summary>The (offset, size) of each event in a decompressed payload, checked against its bounds.</summary>
    public static List<(int Offset, int Size)> SplitEvents(byte[] payload)
    {
        var events = new List<(int, int)>();
        var offset = 0;
        while (offset < payload.Length)
        {
            if (payload.Length - offset < EventHeader.Size)
            {
                throw new BinlogFormatException($"Malformed TRANSACTION_PAYLOAD: {payload.Length - offset} trailing bytes cannot hold an event header.");
            }

            var size = BitConverter.ToUInt32(payload, offset + 9);
            if (size < EventHeader.Size || size > payload.Length - offset)
            {
                throw new BinlogFormatException($"Malformed TRANSACTION_PAYLOAD: nested event of {size} bytes at offset {offset} of {payload.Length}.");
            }

            events.Add((offset, (int)size));
            offset += (int)size;
        }

        return events;
    }
}
