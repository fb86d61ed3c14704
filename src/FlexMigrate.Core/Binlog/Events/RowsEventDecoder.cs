using System.Numerics;
using FlexMigrate.Core.Binlog.Schema;
using FlexMigrate.Core.Binlog.Values;

namespace FlexMigrate.Core.Binlog.Events;

/// <summary>
/// WRITE/UPDATE/DELETE_ROWS v1 (23-25), v2 (30-32) and MariaDB compressed (166-171) to <see cref="RowChange"/>s.
/// Body: `table_id flags [v2: extra_len(2, counts itself) extra] ncols(lenenc) present [present_after for UPDATE]
/// rows`; each row image is a NULL bitmap sized by the present columns, then the non-NULL values. UPDATE rows are
/// before/after pairs. See https://dev.mysql.com/doc/dev/mysql-server/latest/classmysql_1_1binlog_1_1event_1_1Rows__event.html
/// </summary>
internal static class RowsEventDecoder
{
    public static bool IsRowsEvent(byte type) => type is >= EventType.WriteRowsV1 and <= EventType.DeleteRowsV1
        or >= EventType.WriteRowsV2 and <= EventType.DeleteRowsV2
        or >= EventType.MariaWriteRowsCompressedV1 and <= EventType.MariaDeleteRowsCompressedV2;

    /// <summary>The table id, to find the TABLE_MAP before decoding.</summary>
    public static ulong ReadTableId(ReadOnlySpan<byte> body, int tableIdSize)
    {
        var r = new Protocol.ByteReader(body, "rows event");
        return tableIdSize == 6 ? r.ReadUInt48() : r.ReadUInt32();
    }

    public static void Decode(byte type, ReadOnlySpan<byte> body, int tableIdSize, ResolvedTable table, string? statement, List<BinlogChange> output)
    {
        var operation = Operation(type);
        var name = table.RowsEventNames[(int)operation];
        var r = new Protocol.ByteReader(body, name);
        r.Skip(tableIdSize + 2);
        if (type is >= EventType.WriteRowsV2 and <= EventType.DeleteRowsV2 or >= EventType.MariaWriteRowsCompressedV2)
        {
            var extra = r.ReadUInt16();
            if (extra < 2)
            {
                throw r.Error($"extra data length {extra} (counts itself, so at least 2)");
            }

            r.Skip(extra - 2);
        }

        var width = r.ReadLengthEncoded();
        if (width != (ulong)table.Specs.Length)
        {
            throw r.Error($"{width} columns where its TABLE_MAP has {table.Specs.Length}");
        }

        var count = table.Specs.Length;
        var bitmapSize = (count + 7) / 8;
        RequireFullImage(r.ReadBytes(bitmapSize), count, table);
        if (operation == RowOperation.Update)
        {
            RequireFullImage(r.ReadBytes(bitmapSize), count, table);
        }

        if (type >= EventType.MariaWriteRowsCompressedV1)
        {
            var rows = CompressedEventInflater.Inflate(r.ReadToEnd(), name);
            var inner = new Protocol.ByteReader(rows, name);
            ReadRows(ref inner, operation, table, statement, output);
            return;
        }

        ReadRows(ref r, operation, table, statement, output);
    }

    private static void ReadRows(ref Protocol.ByteReader r, RowOperation operation, ResolvedTable table, string? statement, List<BinlogChange> output)
    {
        var map = table.Map;
        while (r.Remaining > 0)
        {
            var first = ReadImage(ref r, table.Specs);
            var second = operation == RowOperation.Update ? ReadImage(ref r, table.Specs) : null;
            var (before, after) = operation switch
            {
                RowOperation.Insert => (null, first),
                RowOperation.Delete => (first, null),
                _ => (first, second),
            };
            output.Add(new RowChange(map.Database, map.Table, operation, table.Columns, before, after)
            {
                PrimaryKey = map.PrimaryKey,
                Statement = statement,
            });
        }
    }

    private static object?[] ReadImage(ref Protocol.ByteReader r, ColumnSpec[] specs)
    {
        var nulls = r.ReadBytes((specs.Length + 7) / 8);
        var values = new object?[specs.Length];
        for (var i = 0; i < specs.Length; i++)
        {
            if ((nulls[i >> 3] & (1 << (i & 7))) == 0)
            {
                values[i] = ColumnValueDecoder.Decode(ref r, specs[i]);
            }
        }

        return values;
    }

    // With binlog_row_image=MINIMAL/NOBLOB images lack columns, and a replayed UPDATE would lose data (pitfall 16).
    private static void RequireFullImage(ReadOnlySpan<byte> present, int count, ResolvedTable table)
    {
        var set = 0;
        foreach (var b in present)
        {
            set += BitOperations.PopCount(b);
        }

        if (set != count)
        {
            throw new BinlogConfigurationException(
                $"Row event for {table.Map.QualifiedName} carries {set} of {count} columns: the source logs partial row images. " +
                "Set binlog_row_image=FULL on the source (and restart the migration from a new snapshot).");
        }
    }

    private static RowOperation Operation(byte type) => type switch
    {
        EventType.WriteRowsV1 or EventType.WriteRowsV2 or EventType.MariaWriteRowsCompressedV1 or EventType.MariaWriteRowsCompressedV2 => RowOperation.Insert,
        EventType.UpdateRowsV1 or EventType.UpdateRowsV2 or EventType.MariaUpdateRowsCompressedV1 or EventType.MariaUpdateRowsCompressedV2 => RowOperation.Update,
        _ => RowOperation.Delete,
    };
}
