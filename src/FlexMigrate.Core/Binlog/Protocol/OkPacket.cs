namespace FlexMigrate.Core.Binlog.Protocol;

/// <summary>
/// OK packet: `0x00 affected_rows(lenenc) last_insert_id(lenenc) status(2) warnings(2) [info]`; with
/// SERVER_MORE_RESULTS_EXISTS in the status another result follows (CALL, multi-statement).
/// See https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_basic_ok_packet.html
/// </summary>
internal readonly record struct OkPacket(ulong AffectedRows, ushort Status, ushort Warnings)
{
    /// <summary>SERVER_MORE_RESULTS_EXISTS.</summary>
    public const ushort MoreResultsFlag = 0x0008;

    public bool MoreResults => (Status & MoreResultsFlag) != 0;

    public static OkPacket Parse(ReadOnlySpan<byte> payload)
    {
        var r = new ByteReader(payload, "OK packet");
        if (r.ReadByte() != 0x00)
        {
            throw r.Error("not an OK packet");
        }

        var affected = r.ReadLengthEncoded();
        r.ReadLengthEncoded();
        return new OkPacket(affected, r.ReadUInt16(), r.ReadUInt16());
    }

    /// <summary>EOF packet (`0xFE warnings(2) status(2)`, shorter than 9 bytes) ending a result set: its warnings and status.</summary>
    public static OkPacket FromEof(ReadOnlySpan<byte> payload)
    {
        var r = new ByteReader(payload, "EOF packet");
        r.Skip(1);
        var warnings = r.ReadUInt16();
        return new OkPacket(0, r.ReadUInt16(), warnings);
    }
}
