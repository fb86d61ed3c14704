namespace FlexMigrate.Core.Binlog.Events;

/// <summary>MySQL GTID (33): `flags(1) sid(16) gno(8) ...`; the rest (logical clock, timestamps) is not needed here.</summary>
internal readonly record struct MySqlGtidEvent(Guid Sid, ulong Gno)
{
    public static MySqlGtidEvent Parse(ReadOnlySpan<byte> body)
    {
        var r = new Protocol.ByteReader(body, "GTID event");
        r.Skip(1);
        var sid = MySqlGtidSet.UuidFromBytes(r.ReadBytes(16));
        var gno = r.ReadUInt64();
        if (gno == 0)
        {
            throw r.Error("transaction number 0");
        }

        return new MySqlGtidEvent(sid, gno);
    }

    public override string ToString() => $"{MySqlGtidSet.FormatUuid(Sid)}:{Gno}";
}

/// <summary>
/// MariaDB GTID (162): `seq(8) domain(4) flags(1) [commit_id(8)]`; server id is the header's. FL_STANDALONE (1) means
/// no BEGIN/COMMIT pair follows (a DDL or non-transactional statement).
/// See https://mariadb.com/kb/en/gtid_event/
/// </summary>
internal readonly record struct MariaDbGtidEvent(MariaDbGtid Gtid, bool Standalone)
{
    public static MariaDbGtidEvent Parse(ReadOnlySpan<byte> body, uint serverId)
    {
        var r = new Protocol.ByteReader(body, "MariaDB GTID event");
        var seq = r.ReadUInt64();
        var domain = r.ReadUInt32();
        var flags = r.ReadByte();
        return new MariaDbGtidEvent(new MariaDbGtid(domain, serverId, seq), (flags & 1) != 0);
    }
}

/// <summary>MariaDB GTID_LIST (163): `count(4, low 28 bits) {domain(4) server(4) seq(8)}`: the binlog state at a file start.</summary>
internal static class MariaDbGtidListEvent
{
    public static MariaDbGtidPosition Parse(ReadOnlySpan<byte> body)
    {
        var r = new Protocol.ByteReader(body, "MariaDB GTID_LIST event");
        var count = r.ReadUInt32() & 0x0FFFFFFF;
        if (count > (uint)r.Remaining / 16)
        {
            throw r.Error($"{count} GTIDs cannot fit");
        }

        var list = new List<MariaDbGtid>((int)count);
        for (var i = 0; i < count; i++)
        {
            var domain = r.ReadUInt32();
            var server = r.ReadUInt32();
            list.Add(new MariaDbGtid(domain, server, r.ReadUInt64()));
        }

        // Several servers of one domain may appear; the position keeps the highest sequence per domain.
        return new MariaDbGtidPosition(list.GroupBy(g => g.Domain).Select(g => g.MaxBy(x => x.Sequence)));
    }
}
