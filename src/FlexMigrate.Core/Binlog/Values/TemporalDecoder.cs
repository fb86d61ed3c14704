using System.Buffers.Binary;

namespace FlexMigrate.Core.Binlog.Values;

/// <summary>
/// DATE, TIME, DATETIME, TIMESTAMP in the old (5.5) and new (5.6+, with fractions) binary formats, to exact SQL
/// literals. Zero and partial-zero dates stay as written ('0000-00-00', '2024-00-15'); TIMESTAMP is rendered in UTC
/// (apply with time_zone='+00:00'); fractions keep exactly the column's fsp digits.
/// Layouts: MySQL mysys/my_time.cc (my_datetime_packed_from_binary, my_time_packed_from_binary, my_timestamp_from_binary).
/// </summary>
internal static class TemporalDecoder
{
    public static int FractionBytes(int fsp) => (fsp + 1) / 2;

    public static string Date(uint packed) =>
        FormatDate((int)(packed >> 9), (int)((packed >> 5) & 15), (int)(packed & 31));

    /// <summary>DATETIME2: 5 bytes BE minus 0x8000000000 = sign(1) ym(17: y*13+m) d(5) h(5) mi(6) s(6), then the fraction.</summary>
    public static string DateTime2(ReadOnlySpan<byte> data, int fsp)
    {
        var value = (long)ReadBigEndian(data[..5]) - 0x8000000000L;
        if (value < 0)
        {
            throw new BinlogFormatException($"Malformed DATETIME2 value: negative packed value {value}.");
        }

        var ymd = value >> 17;
        var ym = ymd >> 5;
        var hms = value & 0x1FFFF;
        var micro = Fraction(data[5..], fsp);
        return FormatDateTime((int)(ym / 13), (int)(ym % 13), (int)(ymd & 31), (int)(hms >> 12), (int)((hms >> 6) & 63), (int)(hms & 63), micro, fsp);
    }

    /// <summary>TIMESTAMP2: 4 bytes BE seconds since the epoch, then the fraction; zero seconds AND zero fraction is the
    /// zero timestamp. MariaDB stores '1970-01-01 00:00:00.000001' UTC as 0 seconds + 1 µs (MySQL's range starts at
    /// 00:00:01, so there 0 seconds only ever means zero).</summary>
    public static string Timestamp2(ReadOnlySpan<byte> data, int fsp)
    {
        var seconds = BinaryPrimitives.ReadUInt32BigEndian(data);
        return Timestamp(seconds, Fraction(data[4..], fsp), fsp);
    }

    public static string Timestamp(uint seconds, int micro, int fsp)
    {
        if (seconds == 0 && micro == 0)
        {
            return FormatDateTime(0, 0, 0, 0, 0, 0, 0, fsp);
        }

        var t = DateTime.UnixEpoch.AddSeconds(seconds);
        return FormatDateTime(t.Year, t.Month, t.Day, t.Hour, t.Minute, t.Second, micro, fsp);
    }

    /// <summary>TIME2: 3 bytes BE minus 0x800000 (+ fraction), or 6 bytes for fsp 5-6; negative fractions are complemented.</summary>
    public static string Time2(ReadOnlySpan<byte> data, int fsp)
    {
        long packed;
        switch (fsp)
        {
            case 0:
                packed = ((long)ReadBigEndian(data[..3]) - 0x800000) << 24;
                break;
            case 1 or 2:
            {
                long intPart = (long)ReadBigEndian(data[..3]) - 0x800000;
                int frac = data[3];
                if (intPart < 0 && frac != 0)
                {
                    intPart++;
                    frac -= 0x100;
                }

                packed = (intPart << 24) + (frac * 10000L);
                break;
            }

            case 3 or 4:
            {
                long intPart = (long)ReadBigEndian(data[..3]) - 0x800000;
                int frac = BinaryPrimitives.ReadUInt16BigEndian(data[3..]);
                if (intPart < 0 && frac != 0)
                {
                    intPart++;
                    frac -= 0x10000;
                }

                packed = (intPart << 24) + (frac * 100L);
                break;
            }

            case 5 or 6:
                packed = (long)ReadBigEndian(data[..6]) - 0x800000000000L;
                break;
            default:
                throw new BinlogFormatException($"Malformed TIME2 metadata: fsp {fsp}.");
        }

        var negative = packed < 0;
        if (negative)
        {
            packed = -packed;
        }

        var hms = packed >> 24;
        var micro = (int)(packed & 0xFFFFFF);
        return FormatTime(negative, (int)((hms >> 12) & 0x3FF), (int)((hms >> 6) & 63), (int)(hms & 63), micro, fsp);
    }

    /// <summary>Old TIME: 3 bytes LE signed HHMMSS.</summary>
    public static string TimeOld(int hhmmss)
    {
        var negative = hhmmss < 0;
        var v = Math.Abs(hhmmss);
        return FormatTime(negative, v / 10000, v / 100 % 100, v % 100, 0, 0);
    }

    /// <summary>Old DATETIME: 8 bytes LE YYYYMMDDhhmmss.</summary>
    public static string DateTimeOld(ulong v)
    {
        var date = v / 1000000;
        var time = v % 1000000;
        return FormatDateTime((int)(date / 10000), (int)(date / 100 % 100), (int)(date % 100),
            (int)(time / 10000), (int)(time / 100 % 100), (int)(time % 100), 0, 0);
    }

    /// <summary>Microseconds from the (fsp+1)/2 big-endian fraction bytes.</summary>
    public static int Fraction(ReadOnlySpan<byte> data, int fsp) => fsp switch
    {
        0 => 0,
        1 or 2 => data[0] * 10000,
        3 or 4 => BinaryPrimitives.ReadUInt16BigEndian(data) * 100,
        5 or 6 => (int)ReadBigEndian(data[..3]),
        _ => throw new BinlogFormatException($"Malformed temporal metadata: fsp {fsp} (0-6 allowed)."),
    };

    /// <summary>A packed datetime as in JSON opaque values (my_datetime_packed): ymdhms &lt;&lt; 24 | micro.</summary>
    public static string PackedDateTime(long packed, bool dateOnly)
    {
        if (packed < 0)
        {
            packed = -packed;
        }

        var ymdhms = packed >> 24;
        var micro = (int)(packed & 0xFFFFFF);
        var ymd = ymdhms >> 17;
        var ym = ymd >> 5;
        var hms = ymdhms & 0x1FFFF;
        return dateOnly
            ? FormatDate((int)(ym / 13), (int)(ym % 13), (int)(ymd & 31))
            : FormatDateTime((int)(ym / 13), (int)(ym % 13), (int)(ymd & 31), (int)(hms >> 12), (int)((hms >> 6) & 63), (int)(hms & 63), micro, micro == 0 ? 0 : 6);
    }

    /// <summary>A packed time as in JSON opaque values (my_time_packed).</summary>
    public static string PackedTime(long packed)
    {
        var negative = packed < 0;
        if (negative)
        {
            packed = -packed;
        }

        var hms = packed >> 24;
        var micro = (int)(packed & 0xFFFFFF);
        return FormatTime(negative, (int)((hms >> 12) & 0x3FF), (int)((hms >> 6) & 63), (int)(hms & 63), micro, micro == 0 ? 0 : 6);
    }

    private static string FormatDate(int year, int month, int day) =>
        string.Create(10, (year, month, day), static (s, v) =>
        {
            Digits(s, 0, v.year, 4);
            s[4] = '-';
            Digits(s, 5, v.month, 2);
            s[7] = '-';
            Digits(s, 8, v.day, 2);
        });

    private static string FormatDateTime(int year, int month, int day, int hour, int minute, int second, int micro, int fsp)
    {
        CheckRange(month <= 12 && day <= 31 && hour <= 23 && minute <= 59 && second <= 59 && micro <= 999999 && year <= 9999, "DATETIME");
        return string.Create(19 + (fsp > 0 ? fsp + 1 : 0), (year, month, day, hour, minute, second, micro, fsp), static (s, v) =>
        {
            Digits(s, 0, v.year, 4);
            s[4] = '-';
            Digits(s, 5, v.month, 2);
            s[7] = '-';
            Digits(s, 8, v.day, 2);
            s[10] = ' ';
            Digits(s, 11, v.hour, 2);
            s[13] = ':';
            Digits(s, 14, v.minute, 2);
            s[16] = ':';
            Digits(s, 17, v.second, 2);
            AppendFraction(s[19..], v.micro, v.fsp);
        });
    }

    private static string FormatTime(bool negative, int hours, int minute, int second, int micro, int fsp)
    {
        CheckRange(minute <= 59 && second <= 59 && micro <= 999999, "TIME");
        var hourDigits = hours >= 1000 ? 4 : hours >= 100 ? 3 : 2;
        var sign = negative ? 1 : 0;
        return string.Create(sign + hourDigits + 6 + (fsp > 0 ? fsp + 1 : 0), (negative, hours, minute, second, micro, fsp, hourDigits), static (s, v) =>
        {
            var at = 0;
            if (v.negative)
            {
                s[at++] = '-';
            }

            Digits(s, at, v.hours, v.hourDigits);
            at += v.hourDigits;
            s[at] = ':';
            Digits(s, at + 1, v.minute, 2);
            s[at + 3] = ':';
            Digits(s, at + 4, v.second, 2);
            AppendFraction(s[(at + 6)..], v.micro, v.fsp);
        });
    }

    private static void AppendFraction(Span<char> s, int micro, int fsp)
    {
        if (fsp == 0)
        {
            return;
        }

        s[0] = '.';
        Span<char> six = stackalloc char[6];
        Digits(six, 0, micro, 6);
        six[..fsp].CopyTo(s[1..]);
    }

    private static void Digits(Span<char> s, int at, int value, int width)
    {
        for (var i = width - 1; i >= 0; i--)
        {
            s[at + i] = (char)('0' + (value % 10));
            value /= 10;
        }
    }

    private static void CheckRange(bool ok, string type)
    {
        if (!ok)
        {
            throw new BinlogFormatException($"Malformed {type} value: a field is out of range.");
        }
    }

    private static ulong ReadBigEndian(ReadOnlySpan<byte> data)
    {
        ulong v = 0;
        foreach (var b in data)
        {
            v = (v << 8) | b;
        }

        return v;
    }
}
