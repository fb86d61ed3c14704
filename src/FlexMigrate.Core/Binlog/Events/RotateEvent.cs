using System.Text;

namespace FlexMigrate.Core.Binlog.Events;

/// <summary>ROTATE (4): `pos(8) next_file`. The server sends a fake one (timestamp 0 / ARTIFICIAL flag) at every start and file switch.</summary>
internal sealed record RotateEvent(string NextFile, ulong Position)
{
    public static RotateEvent Parse(ReadOnlySpan<byte> body)
    {
        var r = new Protocol.ByteReader(body, "ROTATE event");
        var position = r.ReadUInt64();
        var name = Encoding.UTF8.GetString(r.ReadToEnd());
        if (name.Length == 0)
        {
            throw r.Error("empty file name");
        }

        return new RotateEvent(name, position);
    }
}
