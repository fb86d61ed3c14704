using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace FlexMigrate.Core.Binlog;

/// <summary>
/// A place in the source's binary log: file name and byte offset, written `mysql-bin.000042:1234`. Positions compare by
/// file sequence number (the numeric extension) and then offset, so they order correctly across rotations.
/// </summary>
public readonly struct BinlogPosition : IEquatable<BinlogPosition>, IComparable<BinlogPosition>
{
    public BinlogPosition(string file, ulong offset)
    {
        ArgumentException.ThrowIfNullOrEmpty(file);
        File = file;
        Offset = offset;
    }

    public string File { get; }

    /// <summary>Byte offset in <see cref="File"/> (8 bytes: MySQL files can pass 4 GB).</summary>
    public ulong Offset { get; }

    public bool IsEmpty => File is null;

    public static BinlogPosition Parse(string text) =>
        TryParse(text, out var p) ? p : throw new FormatException($"'{text}' is not a binlog position; expected file:offset such as mysql-bin.000042:1234.");

    public static bool TryParse([NotNullWhen(true)] string? text, out BinlogPosition position)
    {
        position = default;
        var colon = text?.LastIndexOf(':') ?? -1;
        if (text is null || colon <= 0 || !ulong.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
        {
            return false;
        }

        position = new BinlogPosition(text[..colon], offset);
        return true;
    }

    public override string ToString() => IsEmpty ? "" : $"{File}:{Offset.ToString(CultureInfo.InvariantCulture)}";

    public bool Equals(BinlogPosition other) => string.Equals(File, other.File, StringComparison.Ordinal) && Offset == other.Offset;

    public override bool Equals(object? obj) => obj is BinlogPosition other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(File, Offset);

    public int CompareTo(BinlogPosition other)
    {
        var byFile = CompareFiles(File, other.File);
        return byFile != 0 ? byFile : Offset.CompareTo(other.Offset);
    }

    public static bool operator ==(BinlogPosition left, BinlogPosition right) => left.Equals(right);

    public static bool operator !=(BinlogPosition left, BinlogPosition right) => !left.Equals(right);

    public static bool operator <(BinlogPosition left, BinlogPosition right) => left.CompareTo(right) < 0;

    public static bool operator >(BinlogPosition left, BinlogPosition right) => left.CompareTo(right) > 0;

    public static bool operator <=(BinlogPosition left, BinlogPosition right) => left.CompareTo(right) <= 0;

    public static bool operator >=(BinlogPosition left, BinlogPosition right) => left.CompareTo(right) >= 0;

    // Files are base.NNNNNN; the sequence number orders them even when it grows past six digits.
    private static int CompareFiles(string? a, string? b)
    {
        if (a is null || b is null)
        {
            return a is null ? (b is null ? 0 : -1) : 1;
        }

        var da = a.LastIndexOf('.');
        var db = b.LastIndexOf('.');
        if (da > 0 && db > 0
            && a.AsSpan(0, da).SequenceEqual(b.AsSpan(0, db))
            && ulong.TryParse(a.AsSpan(da + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var na)
            && ulong.TryParse(b.AsSpan(db + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var nb))
        {
            return na.CompareTo(nb);
        }

        return string.CompareOrdinal(a, b);
    }
}
