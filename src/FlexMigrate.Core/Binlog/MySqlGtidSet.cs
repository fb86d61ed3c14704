using System.Buffers.Binary;
using System.Globalization;

namespace FlexMigrate.Core.Binlog;

/// <summary>A half-open interval [Start, End) of transaction numbers, written `start-last` (or `n`).</summary>
public readonly record struct GtidInterval(ulong Start, ulong End);

/// <summary>
/// A MySQL GTID set (gtid_executed): `uuid:1-5:7-9,uuid2:1-3`. Encodes to the binary form used by
/// COM_BINLOG_DUMP_GTID and PREVIOUS_GTIDS: `n_sids(8) {uuid(16) n_intervals(8) {start(8) end_exclusive(8)}}`.
/// </summary>
public sealed record MySqlGtidSet
{
    public MySqlGtidSet(IEnumerable<KeyValuePair<Guid, IReadOnlyList<GtidInterval>>> sets)
    {
        Sets = new SortedDictionary<string, (Guid, IReadOnlyList<GtidInterval>)>(
            sets.ToDictionary(s => FormatUuid(s.Key), s => (s.Key, s.Value)), StringComparer.Ordinal)
            .Select(kv => new KeyValuePair<Guid, IReadOnlyList<GtidInterval>>(kv.Value.Item1, kv.Value.Item2)).ToList();
    }

    /// <summary>Per source UUID, its intervals in order.</summary>
    public IReadOnlyList<KeyValuePair<Guid, IReadOnlyList<GtidInterval>>> Sets { get; }

    public static MySqlGtidSet Parse(string text)
    {
        var result = new List<KeyValuePair<Guid, IReadOnlyList<GtidInterval>>>();
        foreach (var part in text.Replace("\n", "", StringComparison.Ordinal).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = part.Split(':');
            if (fields.Length < 2 || !Guid.TryParse(fields[0], out _))
            {
                throw new FormatException($"'{part}' is not a MySQL GTID set element; expected uuid:1-5[:7-9].");
            }

            var intervals = new List<GtidInterval>();
            foreach (var range in fields.Skip(1))
            {
                var dash = range.Split('-');
                if (dash.Length is < 1 or > 2
                    || !ulong.TryParse(dash[0], NumberStyles.None, CultureInfo.InvariantCulture, out var start)
                    || !ulong.TryParse(dash[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var last)
                    || start == 0 || last < start)
                {
                    throw new FormatException($"'{range}' in '{part}' is not a GTID interval; expected n or first-last with 1 <= first <= last.");
                }

                intervals.Add(new GtidInterval(start, last + 1));
            }

            result.Add(new(UuidFromText(fields[0]), intervals));
        }

        return new MySqlGtidSet(result);
    }

    /// <summary>Decodes the binary form (PREVIOUS_GTIDS body, dump data).</summary>
    internal static MySqlGtidSet Decode(ReadOnlySpan<byte> data)
    {
        var r = new Protocol.ByteReader(data, "GTID set");
        var count = r.ReadUInt64();
        if (count > (ulong)r.Remaining / 24)
        {
            throw r.Error($"{count} SIDs cannot fit");
        }

        var result = new List<KeyValuePair<Guid, IReadOnlyList<GtidInterval>>>();
        for (ulong i = 0; i < count; i++)
        {
            var uuid = UuidFromBytes(r.ReadBytes(16));
            var n = r.ReadUInt64();
            if (n > (ulong)r.Remaining / 16)
            {
                throw r.Error($"{n} intervals cannot fit");
            }

            var intervals = new List<GtidInterval>();
            for (ulong j = 0; j < n; j++)
            {
                intervals.Add(new GtidInterval(r.ReadUInt64(), r.ReadUInt64()));
            }

            result.Add(new(uuid, intervals));
        }

        return new MySqlGtidSet(result);
    }

    internal byte[] Encode()
    {
        var size = 8 + Sets.Sum(s => 16 + 8 + (16 * s.Value.Count));
        var data = new byte[size];
        var span = data.AsSpan();
        BinaryPrimitives.WriteUInt64LittleEndian(span, (ulong)Sets.Count);
        var at = 8;
        foreach (var (uuid, intervals) in Sets)
        {
            UuidToBytes(uuid).CopyTo(span[at..]);
            BinaryPrimitives.WriteUInt64LittleEndian(span[(at + 16)..], (ulong)intervals.Count);
            at += 24;
            foreach (var interval in intervals)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(span[at..], interval.Start);
                BinaryPrimitives.WriteUInt64LittleEndian(span[(at + 8)..], interval.End);
                at += 16;
            }
        }

        return data;
    }

    /// <summary>This set plus transaction <paramref name="gno"/> of <paramref name="uuid"/> (merging adjacent intervals).</summary>
    public MySqlGtidSet Add(Guid uuid, ulong gno)
    {
        var sets = Sets.ToDictionary(s => s.Key, s => s.Value.ToList());
        if (!sets.TryGetValue(uuid, out var list))
        {
            sets[uuid] = list = [];
        }

        list.Add(new GtidInterval(gno, gno + 1));
        list.Sort((a, b) => a.Start.CompareTo(b.Start));
        var merged = new List<GtidInterval>();
        foreach (var iv in list)
        {
            if (merged.Count > 0 && iv.Start <= merged[^1].End)
            {
                merged[^1] = new GtidInterval(merged[^1].Start, Math.Max(merged[^1].End, iv.End));
            }
            else
            {
                merged.Add(iv);
            }
        }

        sets[uuid] = merged;
        return new MySqlGtidSet(sets.Select(kv => new KeyValuePair<Guid, IReadOnlyList<GtidInterval>>(kv.Key, kv.Value)));
    }

    public override string ToString() => string.Join(",", Sets.Select(s =>
        FormatUuid(s.Key) + string.Concat(s.Value.Select(iv => iv.End - 1 == iv.Start
            ? string.Create(CultureInfo.InvariantCulture, $":{iv.Start}")
            : string.Create(CultureInfo.InvariantCulture, $":{iv.Start}-{iv.End - 1}")))));

    public bool Equals(MySqlGtidSet? other) => other is not null && ToString() == other.ToString();

    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);

    // MySQL writes the UUID's 16 bytes in text order (big-endian), unlike Guid's mixed-endian layout.
    internal static Guid UuidFromBytes(ReadOnlySpan<byte> bytes) => new(bytes, bigEndian: true);

    internal static byte[] UuidToBytes(Guid uuid)
    {
        var bytes = new byte[16];
        uuid.TryWriteBytes(bytes, bigEndian: true, out _);
        return bytes;
    }

    internal static string FormatUuid(Guid uuid) => uuid.ToString("D");

    private static Guid UuidFromText(string text) => Guid.Parse(text);
}
