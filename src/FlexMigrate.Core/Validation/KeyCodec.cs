using System.Globalization;
using System.Text;
using FlexMigrate.Core.Schema;
using FlexMigrate.Core.Sql;

namespace FlexMigrate.Core.Validation;

/// <summary>
/// Encodes key values as exact text that both servers produce identically, and back into SQL parameters and into the
/// text a user reads. Numbers and temporals are their canonical decimal/ISO text; strings and bytes are the hex of the
/// stored bytes, so equality is byte equality, never collation equality.
/// </summary>
internal static class KeyCodec
{
    /// <summary>Separator of encoded key parts; no encoded part contains it (digits, hex, '-', ':', '.', ' ', 'e', '+').</summary>
    public const char Separator = '|';

    /// <summary>SQL reading a column as its encoded key text.</summary>
    public static string ReadExpression(ValidatedColumn column)
    {
        var q = SqlText.Identifier(column.Name);
        return column.Kind switch
        {
            ColumnTypeFamily.Integer or ColumnTypeFamily.Decimal or ColumnTypeFamily.Double or ColumnTypeFamily.Temporal => $"CAST({q} AS CHAR)",
            ColumnTypeFamily.Float => $"CAST({q} + 0e0 AS CHAR)",
            ColumnTypeFamily.Bit => $"CAST({q} + 0 AS CHAR)",
            _ => $"HEX({q})",
        };
    }

    /// <summary>
    /// True when range predicates on the column select the same rows on both servers: a type with a collation-free
    /// order, or text whose charset and collation are identical on both sides. ENUM/SET (ordered by index number),
    /// floating point and large types are never range-chunked.
    /// </summary>
    public static bool IsRangeSafe(ValidatedColumn source, ValidatedColumn target)
    {
        if (source.Kind != target.Kind || !string.Equals(source.DataType, target.DataType, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return source.Kind switch
        {
            ColumnTypeFamily.Integer or ColumnTypeFamily.Decimal or ColumnTypeFamily.Temporal or ColumnTypeFamily.Binary => true,
            ColumnTypeFamily.Char => string.Equals(source.Collation, target.Collation, StringComparison.OrdinalIgnoreCase),
            _ => false,
        };
    }

    /// <summary>SQL turning an encoded parameter back into a value of the column's type, usable against its index.</summary>
    public static string ParameterExpression(ValidatedColumn column, string parameter) => column.Kind switch
    {
        ColumnTypeFamily.Integer => column.IsUnsigned ? $"CAST({parameter} AS UNSIGNED)" : $"CAST({parameter} AS SIGNED)",
        ColumnTypeFamily.Decimal => $"CAST({parameter} AS DECIMAL({column.NumericPrecision ?? 65},{column.NumericScale ?? 0}))",
        ColumnTypeFamily.Temporal => column.DataType switch
        {
            "date" => $"CAST({parameter} AS DATE)",
            "time" => $"CAST({parameter} AS TIME({column.DatetimePrecision ?? 0}))",
            "year" => $"CAST({parameter} AS UNSIGNED)",
            _ => $"CAST({parameter} AS DATETIME({column.DatetimePrecision ?? 0}))",
        },
        ColumnTypeFamily.Binary => $"UNHEX({parameter})",
        ColumnTypeFamily.Char or ColumnTypeFamily.Enum or ColumnTypeFamily.Set => $"CONVERT(UNHEX({parameter}) USING {column.CharacterSet}) COLLATE {column.Collation}",
        _ => throw new InvalidOperationException(
            $"Column {column.Name} ({column.ColumnType}) cannot bound a key range; validation should have used a single chunk."),
    };

    public static string Join(IEnumerable<string> parts) => string.Join(Separator, parts);

    public static string[] Split(string encodedKey) => encodedKey.Split(Separator);

    /// <summary>The text a user reads for an encoded key: 42, 'abc', 0x00FF, '2024-01-01 10:00:00', (1, 'a').</summary>
    public static string Display(IReadOnlyList<ValidatedColumn> columns, string encodedKey)
    {
        var parts = Split(encodedKey);
        var shown = new string[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            shown[i] = i < columns.Count ? DisplayPart(columns[i], parts[i]) : parts[i];
        }

        return shown.Length == 1 ? shown[0] : "(" + string.Join(", ", shown) + ")";
    }

    internal static string DisplayPart(ValidatedColumn column, string encoded)
    {
        if (encoded == "~")
        {
            return "NULL";
        }

        switch (column.Kind)
        {
            case ColumnTypeFamily.Integer or ColumnTypeFamily.Decimal or ColumnTypeFamily.Float or ColumnTypeFamily.Double or ColumnTypeFamily.Bit:
                return encoded;
            case ColumnTypeFamily.Temporal:
                return SqlText.Literal(encoded);
            default:
                var bytes = FromHex(encoded);
                var encoding = TextEncoding(column.CharacterSet);
                if (bytes is null)
                {
                    return encoded;
                }

                return encoding is null ? "0x" + encoded : SqlText.Literal(encoding.GetString(bytes));
        }
    }

    /// <summary>Orders encoded keys part by part: numerically when both parts are numbers, else by ordinal text.</summary>
    public static int Compare(string x, string y)
    {
        var a = Split(x);
        var b = Split(y);
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            var c = ComparePart(a[i], b[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return a.Length.CompareTo(b.Length);
    }

    private static int ComparePart(string a, string b)
    {
        const NumberStyles style = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;
        if (decimal.TryParse(a, style, CultureInfo.InvariantCulture, out var da)
            && decimal.TryParse(b, style, CultureInfo.InvariantCulture, out var db))
        {
            var c = da.CompareTo(db);
            if (c != 0)
            {
                return c;
            }
        }

        return string.CompareOrdinal(a, b);
    }

    private static byte[]? FromHex(string hex)
    {
        try
        {
            return Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static Encoding? TextEncoding(string? characterSet) => characterSet?.ToLowerInvariant() switch
    {
        "utf8mb4" or "utf8mb3" or "utf8" or "ascii" => Encoding.UTF8,
        "latin1" => Encoding.Latin1,
        _ => null,
    };
}
