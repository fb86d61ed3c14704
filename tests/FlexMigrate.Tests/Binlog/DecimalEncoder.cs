using System.Numerics;

namespace FlexMigrate.Tests.Binlog;

/// <summary>Test-side encoder of binary DECIMAL (MySQL decimal2bin layout) to round-trip the decoder.</summary>
internal static class DecimalEncoder
{
    private static readonly int[] DigitBytes = [0, 1, 1, 2, 2, 3, 3, 4, 4, 4];

    public static byte[] Encode(string text, int precision, int scale)
    {
        var negative = text.StartsWith('-');
        var parts = text.TrimStart('-').Split('.');
        var intDigits = precision - scale;
        var integer = parts[0].PadLeft(intDigits, '0')[^intDigits..];
        var fraction = (parts.Length > 1 ? parts[1] : "").PadRight(scale, '0');
        var bytes = new List<byte>();
        var lead = intDigits % 9;
        AppendGroup(bytes, integer[..lead], lead);
        for (var i = lead; i < intDigits; i += 9)
        {
            AppendGroup(bytes, integer.Substring(i, 9), 9);
        }

        for (var i = 0; i + 9 <= scale; i += 9)
        {
            AppendGroup(bytes, fraction.Substring(i, 9), 9);
        }

        AppendGroup(bytes, fraction[(scale / 9 * 9)..], scale % 9);
        var result = bytes.ToArray();
        result[0] ^= 0x80;
        if (negative)
        {
            for (var i = 0; i < result.Length; i++)
            {
                result[i] = (byte)~result[i];
            }
        }

        return result;
    }

    private static void AppendGroup(List<byte> bytes, string digits, int count)
    {
        if (count == 0)
        {
            return;
        }

        var value = digits.Length == 0 ? BigInteger.Zero : BigInteger.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);
        var n = DigitBytes[count];
        for (var i = n - 1; i >= 0; i--)
        {
            bytes.Add((byte)(value >> (8 * i) & 0xFF));
        }
    }
}
