using System.Globalization;

namespace FlexMigrate.Core.Binlog;

/// <summary>One MariaDB GTID: domain-server-sequence.</summary>
public readonly record struct MariaDbGtid(uint Domain, uint ServerId, ulong Sequence)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Domain}-{ServerId}-{Sequence}");

    public static MariaDbGtid Parse(string text)
    {
        var parts = text.Trim().Split('-');
        if (parts.Length != 3
            || !uint.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var domain)
            || !uint.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var server)
            || !ulong.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var seq))
        {
            throw new FormatException($"'{text}' is not a MariaDB GTID; expected domain-server-sequence such as 0-1-100.");
        }

        return new MariaDbGtid(domain, server, seq);
    }
}

/// <summary>
/// A MariaDB GTID position (gtid_binlog_pos / gtid_slave_pos): the last GTID per replication domain, written
/// `0-1-100,1-2-7`. Empty means "from the beginning of the oldest binlog".
/// </summary>
public sealed record MariaDbGtidPosition
{
    public MariaDbGtidPosition(IEnumerable<MariaDbGtid> gtids)
    {
        Gtids = [.. gtids.OrderBy(g => g.Domain)];
        if (Gtids.Select(g => g.Domain).Distinct().Count() != Gtids.Count)
        {
            throw new FormatException("A MariaDB GTID position holds one GTID per domain; a domain appears twice.");
        }
    }

    public IReadOnlyList<MariaDbGtid> Gtids { get; }

    public static MariaDbGtidPosition Parse(string text) =>
        new(text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(MariaDbGtid.Parse));

    /// <summary>This position with <paramref name="gtid"/> as the latest of its domain.</summary>
    public MariaDbGtidPosition With(MariaDbGtid gtid) => new(Gtids.Where(g => g.Domain != gtid.Domain).Append(gtid));

    public override string ToString() => string.Join(",", Gtids);

    public bool Equals(MariaDbGtidPosition? other) => other is not null && Gtids.SequenceEqual(other.Gtids);

    public override int GetHashCode() => Gtids.Aggregate(0, HashCode.Combine);
}
