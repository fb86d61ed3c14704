using System.Buffers.Binary;
using System.IO.Hashing;

namespace FlexMigrate.Core.Binlog.Events;

/// <summary>Checks and strips the CRC32 (IEEE) footer of an event, as the file's FORMAT_DESCRIPTION says.</summary>
internal static class ChecksumVerifier
{
    public static ReadOnlySpan<byte> VerifyAndStrip(ReadOnlySpan<byte> evt, BinlogPosition at)
    {
        if (evt.Length < EventHeader.Size + 4)
        {
            throw new BinlogFormatException($"Malformed event at {at}: {evt.Length} bytes cannot hold a header and CRC32.");
        }

        var body = evt[..^4];
        var expected = BinaryPrimitives.ReadUInt32LittleEndian(evt[^4..]);
        var actual = Crc32.HashToUInt32(body);
        if (expected != actual)
        {
            throw new BinlogFormatException($"Bad CRC32 on event type {evt[4]} at {at}: stored 0x{expected:X8}, computed 0x{actual:X8}. The event is corrupt (network or disk); reconnect, and check the source's binlog if it repeats.");
        }

        return body;
    }
}
