using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace FlexMigrate.Core.Binlog.Values;

/// <summary>
/// MySQL binary JSON (column type 245) to JSON text that the server parses back to the same document.
/// Format (MySQL sql-common/json_binary.cc): a type byte, then the value. Containers: element count and byte size
/// (2 bytes each in small, 4 in large containers), key entries (offset, length(2)) for objects, value entries
/// (type(1) + inline value or offset) where literals and 16-bit ints are always inlined and 32-bit ints only in large
/// containers; offsets are relative to the container start. Strings carry a 7-bit variable length.
/// Opaque values (DECIMAL, DATE, TIME, DATETIME, other) print as MySQL prints them: numbers, quoted temporals, or
/// "base64:typeNN:..." for the rest.
/// See https://dev.mysql.com/doc/dev/mysql-server/latest/json__binary_8h.html
/// </summary>
internal static class JsonBinaryDecoder
{
    private const byte SmallObject = 0, LargeObject = 1, SmallArray = 2, LargeArray = 3, Literal = 4;
    private const byte Int16 = 5, UInt16 = 6, Int32 = 7, UInt32 = 8, Int64 = 9, UInt64 = 10, Double = 11, String = 12, Opaque = 15;
    private const int MaxDepth = 150;

    public static string Decode(ReadOnlySpan<byte> data)
    {
        if (data.Length == 0)
        {
            // An empty value is what MySQL writes for a JSON column set to '' via a non-strict path: it reads as null.
            return "null";
        }

        var sb = new StringBuilder(data.Length * 2);
        WriteValue(data[0], data, 1, sb, 0);
        return sb.ToString();
    }

    private static void WriteValue(byte type, ReadOnlySpan<byte> doc, int offset, StringBuilder sb, int depth)
    {
        if (depth > MaxDepth)
        {
            throw Error("nesting deeper than 150 levels");
        }

        switch (type)
        {
            case SmallObject or LargeObject or SmallArray or LargeArray:
                WriteContainer(type, doc, offset, sb, depth);
                break;
            case Literal:
                sb.Append(Slice(doc, offset, 1)[0] switch
                {
                    0 => "null",
                    1 => "true",
                    2 => "false",
                    var b => throw Error($"literal {b}"),
                });
                break;
            case Int16:
                sb.Append(BinaryPrimitives.ReadInt16LittleEndian(Slice(doc, offset, 2)));
                break;
            case UInt16:
                sb.Append(BinaryPrimitives.ReadUInt16LittleEndian(Slice(doc, offset, 2)));
                break;
            case Int32:
                sb.Append(BinaryPrimitives.ReadInt32LittleEndian(Slice(doc, offset, 4)));
                break;
            case UInt32:
                sb.Append(BinaryPrimitives.ReadUInt32LittleEndian(Slice(doc, offset, 4)));
                break;
            case Int64:
                sb.Append(BinaryPrimitives.ReadInt64LittleEndian(Slice(doc, offset, 8)));
                break;
            case UInt64:
                sb.Append(BinaryPrimitives.ReadUInt64LittleEndian(Slice(doc, offset, 8)));
                break;
            case Double:
                WriteDouble(BinaryPrimitives.ReadDoubleLittleEndian(Slice(doc, offset, 8)), sb);
                break;
            case String:
            {
                var (length, size) = ReadVarLength(doc, offset);
                WriteString(Slice(doc, offset + size, length), sb);
                break;
            }

            case Opaque:
                WriteOpaque(doc, offset, sb);
                break;
            default:
                throw Error($"value type {type}");
        }
    }

    private static void WriteContainer(byte type, ReadOnlySpan<byte> doc, int start, StringBuilder sb, int depth)
    {
        var large = type is LargeObject or LargeArray;
        var isObject = type is SmallObject or LargeObject;
        var w = large ? 4 : 2;
        var count = ReadOffset(doc, start, large);
        var size = ReadOffset(doc, start + w, large);
        if (size > doc.Length - start || count > size)
        {
            throw Error($"container of {count} elements claims {size} bytes, {doc.Length - start} available");
        }

        var container = doc.Slice(start, size);
        var keyEntries = 2 * w;
        var valueEntries = keyEntries + (isObject ? count * (w + 2) : 0);
        var valueEntrySize = 1 + w;
        if (valueEntries + (count * valueEntrySize) > size)
        {
            throw Error("entries exceed the container");
        }

        sb.Append(isObject ? '{' : '[');
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            if (isObject)
            {
                var keyEntry = keyEntries + (i * (w + 2));
                var keyOffset = ReadOffset(container, keyEntry, large);
                var keyLength = BinaryPrimitives.ReadUInt16LittleEndian(Slice(container, keyEntry + w, 2));
                WriteString(Slice(container, keyOffset, keyLength), sb);
                sb.Append(": ");
            }

            var entry = valueEntries + (i * valueEntrySize);
            var valueType = container[entry];
            if (IsInlined(valueType, large))
            {
                WriteValue(valueType, container, entry + 1, sb, depth + 1);
            }
            else
            {
                var valueOffset = ReadOffset(container, entry + 1, large);
                if (valueOffset < valueEntries || valueOffset >= size)
                {
                    throw Error($"value offset {valueOffset} outside its container");
                }

                WriteValue(valueType, container, valueOffset, sb, depth + 1);
            }
        }

        sb.Append(isObject ? '}' : ']');
    }

    private static bool IsInlined(byte type, bool large) =>
        type is Literal or Int16 or UInt16 || (large && type is Int32 or UInt32);

    private static void WriteOpaque(ReadOnlySpan<byte> doc, int offset, StringBuilder sb)
    {
        var fieldType = Slice(doc, offset, 1)[0];
        var (length, size) = ReadVarLength(doc, offset + 1);
        var data = Slice(doc, offset + 1 + size, length);
        switch ((ColumnType)fieldType)
        {
            case ColumnType.NewDecimal when data.Length >= 2:
                sb.Append(DecimalDecoder.Decode(data[2..], data[0], data[1]));
                break;
            case ColumnType.Date when data.Length == 8:
                sb.Append('"').Append(TemporalDecoder.PackedDateTime(BinaryPrimitives.ReadInt64LittleEndian(data), dateOnly: true)).Append('"');
                break;
            case ColumnType.DateTime or ColumnType.Timestamp or ColumnType.DateTime2 or ColumnType.Timestamp2 when data.Length == 8:
                sb.Append('"').Append(TemporalDecoder.PackedDateTime(BinaryPrimitives.ReadInt64LittleEndian(data), dateOnly: false)).Append('"');
                break;
            case ColumnType.Time or ColumnType.Time2 when data.Length == 8:
                sb.Append('"').Append(TemporalDecoder.PackedTime(BinaryPrimitives.ReadInt64LittleEndian(data))).Append('"');
                break;
            default:
                sb.Append("\"base64:type").Append(fieldType).Append(':').Append(Convert.ToBase64String(data)).Append('"');
                break;
        }
    }

    private static void WriteDouble(double value, StringBuilder sb)
    {
        if (!double.IsFinite(value))
        {
            throw Error("non-finite double");
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        sb.Append(text);
        // Keep a double a double when written back: 1.0 must not come back as the integer 1.
        if (text.AsSpan().IndexOfAny(".eE") < 0)
        {
            sb.Append(".0");
        }
    }

    private static void WriteString(ReadOnlySpan<byte> utf8, StringBuilder sb)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(utf8);
        }
        catch (DecoderFallbackException ex)
        {
            throw new BinlogFormatException("Malformed binary JSON: a string is not valid UTF-8.", ex);
        }

        sb.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case < ' ': sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: sb.Append(c); break;
            }
        }

        sb.Append('"');
    }

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    private static (int Length, int Size) ReadVarLength(ReadOnlySpan<byte> doc, int offset)
    {
        var length = 0L;
        for (var i = 0; i < 5; i++)
        {
            var b = Slice(doc, offset + i, 1)[0];
            length |= (long)(b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0)
            {
                if (length > int.MaxValue)
                {
                    throw Error($"string length {length}");
                }

                return ((int)length, i + 1);
            }
        }

        throw Error("variable length longer than 5 bytes");
    }

    private static int ReadOffset(ReadOnlySpan<byte> doc, int offset, bool large)
    {
        if (!large)
        {
            return BinaryPrimitives.ReadUInt16LittleEndian(Slice(doc, offset, 2));
        }

        var v = BinaryPrimitives.ReadUInt32LittleEndian(Slice(doc, offset, 4));
        return v > int.MaxValue ? throw Error($"offset {v}") : (int)v;
    }

    private static ReadOnlySpan<byte> Slice(ReadOnlySpan<byte> doc, int offset, int length)
    {
        if (offset < 0 || length < 0 || offset > doc.Length - length)
        {
            throw Error($"{length} bytes at offset {offset} run past the {doc.Length}-byte container");
        }

        return doc.Slice(offset, length);
    }

    private static BinlogFormatException Error(string what) => new($"Malformed binary JSON: {what}.");
}
