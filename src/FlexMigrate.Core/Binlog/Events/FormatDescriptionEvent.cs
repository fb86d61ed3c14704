using System.Text;

namespace FlexMigrate.Core.Binlog.Events;

/// <summary>
/// FORMAT_DESCRIPTION_EVENT (15): first event of every binlog file. Tells the header/post-header lengths and whether
/// this file's events end with a CRC32. The checksum algorithm byte sits 5 bytes before the end on servers that know
/// checksums (MySQL >= 5.6.1, MariaDB >= 5.3), followed by the FDE's own checksum.
/// See https://dev.mysql.com/doc/dev/mysql-server/latest/classmysql_1_1binlog_1_1event_1_1Format__description__event.html
/// </summary>
internal sealed class FormatDescriptionEvent
{
    private readonly byte[] _postHeaderLengths;

    private FormatDescriptionEvent(string serverVersion, byte[] postHeaderLengths, bool hasChecksum)
    {
        ServerVersion = serverVersion;
        _postHeaderLengths = postHeaderLengths;
        HasChecksum = hasChecksum;
    }

    public string ServerVersion { get; }

    public bool HasChecksum { get; }

    public bool IsMariaDb => ServerVersion.Contains("MariaDB", StringComparison.OrdinalIgnoreCase);

    /// <summary>Assumed before the first FDE arrives (the fake ROTATE that precedes it has no checksum on MySQL 5.6+ either).</summary>
    public static FormatDescriptionEvent Default { get; } = new("5.7.0", [], hasChecksum: false);

    public int PostHeaderLength(byte eventType, int fallback) =>
        eventType >= 1 && eventType <= _postHeaderLengths.Length ? _postHeaderLengths[eventType - 1] : fallback;

    /// <summary>Table ids are 6 bytes unless TABLE_MAP's post-header is 6 bytes long (then 4, pre-5.1.4 servers).</summary>
    public int TableIdSize => PostHeaderLength(EventType.TableMap, 8) == 6 ? 4 : 6;

    public static FormatDescriptionEvent Parse(ReadOnlySpan<byte> evt)
    {
        var r = new Protocol.ByteReader(evt, "FORMAT_DESCRIPTION event");
        r.Skip(EventHeader.Size);
        var version = r.ReadUInt16();
        if (version != 4)
        {
            throw r.Error($"binlog version {version}, only 4 is supported");
        }

        var serverVersion = Encoding.ASCII.GetString(r.ReadBytes(50)).TrimEnd('\0');
        r.Skip(4);
        var headerLength = r.ReadByte();
        if (headerLength != EventHeader.Size)
        {
            throw r.Error($"event header length {headerLength}, expected 19");
        }

        var knowsChecksums = KnowsChecksums(serverVersion);
        var tail = knowsChecksums ? 5 : 0;
        if (r.Remaining < tail)
        {
            throw r.Error("too short for the checksum algorithm");
        }

        var postHeaders = r.ReadBytes(r.Remaining - tail).ToArray();
        var algorithm = knowsChecksums ? r.ReadByte() : (byte)0;
        if (algorithm is not (0 or 1 or 0xFF))
        {
            throw r.Error($"unknown checksum algorithm {algorithm}");
        }

        return new FormatDescriptionEvent(serverVersion, postHeaders, algorithm == 1);
    }

    private static bool KnowsChecksums(string serverVersion)
    {
        var digits = serverVersion.Split('-')[0].Split('.');
        if (digits.Length < 3 || !int.TryParse(digits[0], out var major) || !int.TryParse(digits[1], out var minor)
            || !int.TryParse(new string(digits[2].TakeWhile(char.IsAsciiDigit).ToArray()), out var patch))
        {
            return true;
        }

        var product = (major * 10000) + (minor * 100) + patch;
        return serverVersion.Contains("MariaDB", StringComparison.OrdinalIgnoreCase) ? product >= 50300 : product >= 50601;
    }
}
