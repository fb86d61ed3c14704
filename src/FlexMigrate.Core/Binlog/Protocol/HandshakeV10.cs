using System.Text;

namespace FlexMigrate.Core.Binlog.Protocol;

/// <summary>
/// The server's first packet. See https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_connection_phase_packets_protocol_handshake_v10.html
/// </summary>
internal sealed record HandshakeV10(string ServerVersion, uint ConnectionId, byte[] Scramble, uint Capabilities, string AuthPlugin)
{
    public bool IsMariaDb => ServerVersion.Contains("MariaDB", StringComparison.OrdinalIgnoreCase);

    public static HandshakeV10 Parse(ReadOnlySpan<byte> payload)
    {
        var r = new ByteReader(payload, "handshake packet");
        var protocol = r.ReadByte();
        if (protocol != 10)
        {
            throw r.Error($"protocol version {protocol}, only 10 is supported");
        }

        var version = r.ReadNullTerminatedString();
        var connectionId = r.ReadUInt32();
        var scramble1 = r.ReadBytes(8).ToArray();
        r.Skip(1);
        uint caps = r.ReadUInt16();
        if (r.Remaining == 0)
        {
            return new HandshakeV10(version, connectionId, scramble1, caps, "mysql_native_password");
        }

        r.Skip(1 + 2); // charset, status
        caps |= (uint)r.ReadUInt16() << 16;
        var authLength = r.ReadByte();
        r.Skip(10);
        var scramble = scramble1;
        if ((caps & CapabilityFlags.SecureConnection) != 0)
        {
            var length = Math.Max(13, authLength - 8);
            var part2 = r.ReadBytes(Math.Min(length, r.Remaining));
            // The second part ends with a NUL that is not part of the 20-byte scramble.
            var trimmed = part2.Length > 0 && part2[^1] == 0 ? part2[..^1] : part2;
            scramble = [.. scramble1, .. trimmed];
        }

        var plugin = (caps & CapabilityFlags.PluginAuth) != 0 && r.Remaining > 0
            ? Encoding.ASCII.GetString(r.Rest.IndexOf((byte)0) is var end and >= 0 ? r.Rest[..end] : r.Rest)
            : "mysql_native_password";
        return new HandshakeV10(version, connectionId, scramble, caps, plugin);
    }
}
