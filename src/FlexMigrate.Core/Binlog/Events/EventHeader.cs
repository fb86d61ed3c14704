using System.Buffers.Binary;

namespace FlexMigrate.Core.Binlog.Events;

/// <summary>
/// Common 19-byte event header: `timestamp(4) type(1) server_id(4) event_size(4) log_pos(4) flags(2)`.
/// See https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_replication_binlog_event.html
/// </summary>
internal readonly record struct EventHeader(uint Timestamp, byte Type, uint ServerId, uint EventSize, uint LogPos, ushort Flags)
{
    public const int Size = 19;
    public const ushort ArtificialFlag = 0x20;

    public static EventHeader Parse(ReadOnlySpan<byte> evt)
    {
        if (evt.Length < Size)
        {
            throw new BinlogFormatException($"Malformed event: {evt.Length} bytes, shorter than the 19-byte header.");
        }

        var header = new EventHeader(
            BinaryPrimitives.ReadUInt32LittleEndian(evt),
            evt[4],
            BinaryPrimitives.ReadUInt32LittleEndian(evt[5..]),
            BinaryPrimitives.ReadUInt32LittleEndian(evt[9..]),
            BinaryPrimitives.ReadUInt32LittleEndian(evt[13..]),
            BinaryPrimitives.ReadUInt16LittleEndian(evt[17..]));
        if (header.EventSize != evt.Length)
        {
            throw new BinlogFormatException($"Malformed event type {header.Type}: header says {header.EventSize} bytes, packet holds {evt.Length}.");
        }

        return header;
    }
}
