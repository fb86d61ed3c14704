using System.Text;

namespace FlexMigrate.Core.Binlog.Protocol;

/// <summary>
/// ERR packet: `0xFF code(2) ['#' state(5)] message`.
/// See https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_basic_err_packet.html
/// </summary>
internal readonly record struct ErrorPacket(int Code, string SqlState, string Message)
{
    public static ErrorPacket Parse(ReadOnlySpan<byte> payload)
    {
        var r = new ByteReader(payload, "ERR packet");
        if (r.ReadByte() != 0xFF)
        {
            throw r.Error("not an ERR packet");
        }

        var code = r.ReadUInt16();
        var state = "HY000";
        if (r.Remaining >= 6 && r.Rest[0] == (byte)'#')
        {
            r.Skip(1);
            state = Encoding.ASCII.GetString(r.ReadBytes(5));
        }

        return new ErrorPacket(code, state, Encoding.UTF8.GetString(r.ReadToEnd()));
    }

    /// <summary>Turns the server's error into the precise exception a caller can act on.</summary>
    public BinlogServerException ToException(string server, string? position = null) => Code switch
    {
        1045 or 1251 or 1698 => new BinlogAuthenticationException(server, Code, SqlState, Message,
            "Check the user name and password (Azure Single Server needs user@servername)."),
        1227 or 1142 or 1044 => new BinlogPrivilegeException(server, Code, SqlState, Message),
        1236 when position is not null => new BinlogPositionPurgedException(server, Code, SqlState, Message, position),
        _ => new BinlogServerException(server, Code, SqlState, Message),
    };
}
