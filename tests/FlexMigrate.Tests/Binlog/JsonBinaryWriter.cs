using System.Buffers.Binary;
using System.Text;

namespace FlexMigrate.Tests.Binlog;

/// <summary>Marks a container to be written in the large (4-byte offsets) form.</summary>
internal sealed record Large(object Container);

/// <summary>An opaque JSON scalar: MySQL field type + raw bytes.</summary>
internal sealed record Opaque(byte FieldType, byte[] Data);

/// <summary>Typed integers so a test picks the exact binary JSON node type.</summary>
internal sealed record JsonInt(byte Type, long Value);

/// <summary>
/// Test-side encoder of MySQL binary JSON from the documented layout (json_binary.h): used to build fixtures for every
/// node type, since no MySQL server is available here. Objects are List of (key, value) pairs to keep key order.
/// </summary>
internal static class JsonBinaryWriter
{
    public static byte[] Document(object? value)
    {
        var (type, bytes) = Encode(value);
        return [type, .. bytes];
    }

    private static (byte Type, byte[] Bytes) Encode(object? value) => value switch
    {
        null => (4, [0]),
        true => (4, [1]),
        false => (4, [2]),
        JsonInt i => (i.Type, IntBytes(i)),
        double d => (11, BitConverter.GetBytes(d)),
        string s => (12, [.. VarLength(Encoding.UTF8.GetByteCount(s)), .. Encoding.UTF8.GetBytes(s)]),
        Opaque o => (15, [o.FieldType, .. VarLength(o.Data.Length), .. o.Data]),
        Large { Container: List<KeyValuePair<string, object?>> obj } => (1, Container(obj.Select(p => ((string?)p.Key, p.Value)).ToList(), true, true)),
        Large { Container: List<object?> arr } => (3, Container(arr.Select(v => ((string?)null, v)).ToList(), false, true)),
        List<KeyValuePair<string, object?>> obj => (0, Container(obj.Select(p => ((string?)p.Key, p.Value)).ToList(), true, false)),
        List<object?> arr => (2, Container(arr.Select(v => ((string?)null, v)).ToList(), false, false)),
        _ => throw new ArgumentException($"cannot encode {value.GetType()}"),
    };

    private static byte[] IntBytes(JsonInt i) => i.Type switch
    {
        5 or 6 => BitConverter.GetBytes((ushort)i.Value),
        7 or 8 => BitConverter.GetBytes((uint)i.Value),
        _ => BitConverter.GetBytes(i.Value),
    };

    private static byte[] Container(List<(string? Key, object? Value)> items, bool isObject, bool large)
    {
        var w = large ? 4 : 2;
        var n = items.Count;
        var headerSize = (2 * w) + (isObject ? n * (w + 2) : 0) + (n * (1 + w));
        var buffer = new List<byte>(new byte[headerSize]);
        var head = new byte[headerSize];
        WriteOffset(head, 0, n, large);
        if (isObject)
        {
            for (var i = 0; i < n; i++)
            {
                var key = Encoding.UTF8.GetBytes(items[i].Key!);
                var at = (2 * w) + (i * (w + 2));
                WriteOffset(head, at, buffer.Count, large);
                BinaryPrimitives.WriteUInt16LittleEndian(head.AsSpan(at + w), (ushort)key.Length);
                buffer.AddRange(key);
            }
        }

        var valueEntries = (2 * w) + (isObject ? n * (w + 2) : 0);
        for (var i = 0; i < n; i++)
        {
            var (type, bytes) = Encode(items[i].Value);
            var at = valueEntries + (i * (1 + w));
            head[at] = type;
            var inline = type is 4 or 5 or 6 || (large && type is 7 or 8);
            if (inline)
            {
                bytes.CopyTo(head, at + 1);
            }
            else
            {
                WriteOffset(head, at + 1, buffer.Count, large);
                buffer.AddRange(bytes);
            }
        }

        WriteOffset(head, w, buffer.Count, large);
        var result = buffer.ToArray();
        head.CopyTo(result, 0);
        return result;
    }

    private static void WriteOffset(byte[] target, int at, int value, bool large)
    {
        if (large)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(target.AsSpan(at), (uint)value);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(target.AsSpan(at), (ushort)value);
        }
    }

    private static byte[] VarLength(int length)
    {
        var bytes = new List<byte>();
        do
        {
            var b = (byte)(length & 0x7F);
            length >>= 7;
            bytes.Add(length > 0 ? (byte)(b | 0x80) : b);
        }
        while (length > 0);
        return [.. bytes];
    }
}
