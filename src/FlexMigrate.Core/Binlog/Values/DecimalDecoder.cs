namespace FlexMigrate.Core.Binlog.Values;

/// <summary>
/// Binary DECIMAL (NEWDECIMAL 246) to its exact text, up to 65 digits: System.Decimal holds only ~28, so values stay
/// strings (e.g. "-12345.6700"), which MySqlConnector writes back as the same literal.
/// Layout (MySQL strings/decimal.cc bin2decimal): integer digits first, then fraction; each full group of 9 digits is 4
/// bytes big-endian; leftover digits take [0,1,1,2,2,3,3,4,4,4] bytes; the first byte's top bit is flipped, and a
/// negative number has every byte inverted.
/// </summary>
internal static class DecimalDecoder
{
    private static readonly int[] DigitBytes = [0, 1, 1, 2, 2, 3, 3, 4, 4, 4];

    public static int BinarySize(int precision, int scale)
    {
        var intg = precision - scale;
        return (intg / 9 * 4) + DigitBytes[intg % 9] + (scale / 9 * 4) + DigitBytes[scale % 9];
    }

    public static string Decode(ReadOnlySpan<byte> data, int precision, int scale)
    {
        if (precision is < 1 or > 65 || scale < 0 || scale > 30 || scale > precision)
        {
            throw new BinlogFormatException($"Malformed DECIMAL metadata: precision {precision}, scale {scale}.");
        }

        var size = BinarySize(precision, scale);
        if (data.Length < size)
        {
            throw new BinlogFormatException($"Malformed DECIMAL({precision},{scale}) value: {data.Length} bytes, {size} needed.");
        }

        Span<byte> bytes = stackalloc byte[size];
        data[..size].CopyTo(bytes);
        var negative = (bytes[0] & 0x80) == 0;
        bytes[0] ^= 0x80;
        if (negative)
        {
            for (var i = 0; i < size; i++)
            {
                bytes[i] = (byte)~bytes[i];
            }
        }

        var intg = precision - scale;
        Span<char> text = stackalloc char[precision + 3];
        var length = 0;
        if (negative)
        {
            text[length++] = '-';
        }

        var at = 0;
        var integerStart = length;
        length = AppendGroup(bytes, ref at, intg % 9, text, length, check: true);
        for (var g = 0; g < intg / 9; g++)
        {
            length = AppendGroup(bytes, ref at, 9, text, length, check: true);
        }

        length = TrimLeadingZeros(text, integerStart, length);
        if (scale > 0)
        {
            text[length++] = '.';
            for (var g = 0; g < scale / 9; g++)
            {
                length = AppendGroup(bytes, ref at, 9, text, length, check: true);
            }

            length = AppendGroup(bytes, ref at, scale % 9, text, length, check: true);
        }

        // "-0.00" cannot be stored by the server; normalise a negative zero anyway so we never invent a sign.
        var result = new string(text[..length]);
        return negative && result.AsSpan(1).IndexOfAnyExcept("0.") < 0 ? result[1..] : result;
    }

    private static int AppendGroup(ReadOnlySpan<byte> bytes, ref int at, int digits, Span<char> text, int length, bool check)
    {
        if (digits == 0)
        {
            return length;
        }

        var n = DigitBytes[digits];
        uint value = 0;
        for (var i = 0; i < n; i++)
        {
            value = (value << 8) | bytes[at + i];
        }

        at += n;
        if (check && value >= Pow10(digits))
        {
            throw new BinlogFormatException($"Malformed DECIMAL value: group {value} has more than {digits} digits.");
        }

        for (var i = digits - 1; i >= 0; i--)
        {
            text[length + i] = (char)('0' + (value % 10));
            value /= 10;
        }

        return length + digits;
    }

    private static int TrimLeadingZeros(Span<char> text, int start, int end)
    {
        var first = start;
        while (first < end - 1 && text[first] == '0')
        {
            first++;
        }

        if (first == end)
        {
            text[start] = '0';
            return start + 1;
        }

        if (first > start)
        {
            text[first..end].CopyTo(text[start..]);
        }

        return start + (end - first);
    }

    private static uint Pow10(int digits)
    {
        uint p = 1;
        for (var i = 0; i < digits; i++)
        {
            p *= 10;
        }

        return p;
    }
}
