using System.Text;
using FlexMigrate.Core.Binlog.Values;

namespace FlexMigrate.Core.Binlog.Events;

/// <summary>
/// TABLE_MAP (19): `table_id(6) flags(2) dblen db NUL tbllen tbl NUL ncols(lenenc) types[n] metalen(lenenc) meta
/// null_bitmap` then optional metadata TLVs `type(1) len(lenenc) value` (MySQL 8.0.1+ and MariaDB 10.5+ with
/// binlog_row_metadata). See https://dev.mysql.com/doc/dev/mysql-server/latest/classmysql_1_1binlog_1_1event_1_1Table__map__event.html
/// </summary>
internal sealed class TableMapEvent
{
    public required ulong TableId { get; init; }

    public required string Database { get; init; }

    public required string Table { get; init; }

    public required ColumnType[] Types { get; init; }

    public required ColumnSpec[] Specs { get; init; }

    /// <summary>From COLUMN_NAME metadata, else null.</summary>
    public string[]? ColumnNames { get; private set; }

    /// <summary>Per column, from SIGNEDNESS metadata (numeric columns only), else null.</summary>
    public bool[]? Unsigned { get; private set; }

    /// <summary>Per column collation from DEFAULT_CHARSET/COLUMN_CHARSET metadata (-1 where none applies), else null.</summary>
    public int[]? Collations { get; private set; }

    public string[]?[] Members { get; private set; } = [];

    public int[] PrimaryKey { get; private set; } = [];

    public string QualifiedName => $"{Database}.{Table}";

    /// <param name="body">The event body.</param>
    /// <param name="tableIdSize">Table id width from the format description.</param>
    /// <param name="isMariaDb">MariaDB counts GEOMETRY columns among the character columns that the DEFAULT_CHARSET
    /// and COLUMN_CHARSET metadata index (their Binlog_type_info carries the binary charset), MySQL does not
    /// (is_character_type in its log_event.cc lists only STRING, VAR_STRING, VARCHAR and BLOB).</param>
    public static TableMapEvent Parse(ReadOnlySpan<byte> body, int tableIdSize, bool isMariaDb = false)
    {
        var r = new Protocol.ByteReader(body, "TABLE_MAP event");
        var tableId = tableIdSize == 6 ? r.ReadUInt48() : r.ReadUInt32();
        r.Skip(2);
        var db = Encoding.UTF8.GetString(r.ReadBytes(r.ReadByte()));
        r.Skip(1);
        var table = Encoding.UTF8.GetString(r.ReadBytes(r.ReadByte()));
        r.Skip(1);
        var count = r.ReadLengthEncodedCount();
        var types = new ColumnType[count];
        var typeBytes = r.ReadBytes(count);
        for (var i = 0; i < count; i++)
        {
            types[i] = (ColumnType)typeBytes[i];
        }

        var meta = new Protocol.ByteReader(r.ReadLengthEncodedBytes(), $"TABLE_MAP metadata of {db}.{table}");
        var specs = new ColumnSpec[count];
        for (var i = 0; i < count; i++)
        {
            specs[i] = ColumnSpec.FromTableMap(types[i], ref meta);
        }

        if (meta.Remaining != 0)
        {
            throw meta.Error($"{meta.Remaining} metadata bytes left over");
        }

        r.Skip((count + 7) / 8);
        var map = new TableMapEvent { TableId = tableId, Database = db, Table = table, Types = types, Specs = specs };
        map.ReadOptionalMetadata(ref r, isMariaDb);
        return map;
    }

    private void ReadOptionalMetadata(ref Protocol.ByteReader r, bool isMariaDb)
    {
        Func<ColumnSpec, bool> character = isMariaDb ? s => s.IsCharacter || s.Type == ColumnType.Geometry : s => s.IsCharacter;
        while (r.Remaining > 0)
        {
            var type = r.ReadByte();
            var field = new Protocol.ByteReader(r.ReadLengthEncodedBytes(), $"TABLE_MAP optional metadata {type} of {QualifiedName}");
            switch (type)
            {
                case 1: Unsigned = ReadSignedness(ref field); break;
                case 2: Collations = ReadDefaultCharset(ref field, character); break;
                case 3: Collations = ReadColumnCharset(ref field, character); break;
                case 4: ColumnNames = ReadNames(ref field); break;
                case 5: ReadMembers(ref field, ColumnType.Set); break;
                case 6: ReadMembers(ref field, ColumnType.Enum); break;
                case 8: PrimaryKey = ReadPrimaryKey(ref field, withPrefix: false); break;
                case 9: PrimaryKey = ReadPrimaryKey(ref field, withPrefix: true); break;
                default: break; // geometry type, enum/set charsets, visibility: not needed to decode values
            }
        }
    }

    // MSB-first bits, one per numeric column in column order.
    private bool[] ReadSignedness(ref Protocol.ByteReader field)
    {
        var bits = field.ReadToEnd();
        var result = new bool[Specs.Length];
        var n = 0;
        for (var i = 0; i < Specs.Length; i++)
        {
            if (!Specs[i].IsNumeric)
            {
                continue;
            }

            if (n / 8 >= bits.Length)
            {
                throw field.Error("SIGNEDNESS bitmap shorter than the numeric columns");
            }

            result[i] = (bits[n / 8] & (0x80 >> (n % 8))) != 0;
            n++;
        }

        return result;
    }

    private int[] ReadDefaultCharset(ref Protocol.ByteReader field, Func<ColumnSpec, bool> applies)
    {
        var result = new int[Specs.Length];
        var defaultCollation = (int)field.ReadLengthEncoded();
        var indexes = CharacterColumns(applies);
        foreach (var i in indexes)
        {
            result[i] = defaultCollation;
        }

        for (var i = 0; i < result.Length; i++)
        {
            if (!applies(Specs[i]))
            {
                result[i] = -1;
            }
        }

        while (field.Remaining > 0)
        {
            var nth = field.ReadLengthEncoded();
            var collation = (int)field.ReadLengthEncoded();
            if (nth >= (ulong)indexes.Count)
            {
                throw field.Error($"DEFAULT_CHARSET names character column {nth} of {indexes.Count}");
            }

            result[indexes[(int)nth]] = collation;
        }

        return result;
    }

    private int[] ReadColumnCharset(ref Protocol.ByteReader field, Func<ColumnSpec, bool> applies)
    {
        var result = new int[Specs.Length];
        for (var i = 0; i < Specs.Length; i++)
        {
            result[i] = applies(Specs[i]) ? (int)field.ReadLengthEncoded() : -1;
        }

        return result;
    }

    private List<int> CharacterColumns(Func<ColumnSpec, bool> applies)
    {
        var list = new List<int>();
        for (var i = 0; i < Specs.Length; i++)
        {
            if (applies(Specs[i]))
            {
                list.Add(i);
            }
        }

        return list;
    }

    private string[] ReadNames(ref Protocol.ByteReader field)
    {
        var names = new string[Specs.Length];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = Encoding.UTF8.GetString(field.ReadLengthEncodedBytes());
        }

        return names;
    }

    private void ReadMembers(ref Protocol.ByteReader field, ColumnType kind)
    {
        if (Members.Length == 0)
        {
            Members = new string[]?[Specs.Length];
        }

        for (var i = 0; i < Specs.Length && field.Remaining > 0; i++)
        {
            if (Specs[i].Type != kind)
            {
                continue;
            }

            var count = field.ReadLengthEncodedCount();
            var values = new string[count];
            for (var j = 0; j < count; j++)
            {
                values[j] = Encoding.UTF8.GetString(field.ReadLengthEncodedBytes());
            }

            Members[i] = values;
        }
    }

    private int[] ReadPrimaryKey(ref Protocol.ByteReader field, bool withPrefix)
    {
        var list = new List<int>();
        while (field.Remaining > 0)
        {
            var index = field.ReadLengthEncoded();
            if (index >= (ulong)Specs.Length)
            {
                throw field.Error($"primary key column {index} of {Specs.Length}");
            }

            list.Add((int)index);
            if (withPrefix)
            {
                field.ReadLengthEncoded();
            }
        }

        return [.. list];
    }
}
