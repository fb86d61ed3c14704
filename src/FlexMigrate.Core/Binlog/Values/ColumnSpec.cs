namespace FlexMigrate.Core.Binlog.Values;

/// <summary>
/// How to read one column's value, fixed once per TABLE_MAP: the effective type (CHAR/ENUM/SET resolved from the
/// STRING metadata), its metadata, and the byte length for fixed strings, ENUM and SET.
/// </summary>
internal readonly record struct ColumnSpec(ColumnType Type, int Meta, int Length, bool Unsigned = false, bool PadBinary = false)
{
    /// <summary>Reads TABLE_MAP metadata bytes for <paramref name="type"/>; see the metadata table in the protocol notes.</summary>
    public static ColumnSpec FromTableMap(ColumnType type, ref Protocol.ByteReader meta)
    {
        switch (type)
        {
            case ColumnType.Float or ColumnType.Double or ColumnType.Blob or ColumnType.TinyBlob or ColumnType.MediumBlob
                or ColumnType.LongBlob or ColumnType.Geometry or ColumnType.Json or ColumnType.Timestamp2
                or ColumnType.DateTime2 or ColumnType.Time2:
                return new ColumnSpec(type, meta.ReadByte(), 0);
            case ColumnType.VarChar or ColumnType.VarString or ColumnType.NewDecimal or ColumnType.Bit or ColumnType.Decimal:
                return new ColumnSpec(type, meta.ReadUInt16(), 0);
            case ColumnType.String or ColumnType.Enum or ColumnType.Set:
                return StringSpec(meta.ReadByte(), meta.ReadByte());
            default:
                return new ColumnSpec(type, 0, 0);
        }
    }

    /// <summary>
    /// STRING metadata: b0 = real type, b1 = length. Lengths over 255 borrow bits 4-5 of b0, inverted
    /// (MySQL Field_string::do_save_field_metadata).
    /// </summary>
    private static ColumnSpec StringSpec(byte b0, byte b1)
    {
        var real = b0;
        int length = b1;
        if ((b0 & 0x30) != 0x30)
        {
            length = b1 | (((b0 & 0x30) ^ 0x30) << 4);
            real = (byte)(b0 | 0x30);
        }

        return (ColumnType)real switch
        {
            ColumnType.Enum => new ColumnSpec(ColumnType.Enum, 0, b1),
            ColumnType.Set => new ColumnSpec(ColumnType.Set, 0, b1),
            ColumnType.String => new ColumnSpec(ColumnType.String, 0, length),
            _ => throw new BinlogFormatException($"Malformed TABLE_MAP: STRING column with real type {real}."),
        };
    }

    public bool IsNumeric => Type is ColumnType.Tiny or ColumnType.Short or ColumnType.Int24 or ColumnType.Long or ColumnType.LongLong
        or ColumnType.Float or ColumnType.Double or ColumnType.NewDecimal or ColumnType.Decimal;

    /// <summary>Columns that carry a collation in TABLE_MAP's charset metadata (MySQL is_character_type).</summary>
    public bool IsCharacter => Type is ColumnType.String or ColumnType.VarChar or ColumnType.VarString or ColumnType.Blob
        or ColumnType.TinyBlob or ColumnType.MediumBlob or ColumnType.LongBlob;

    public bool IsEnumOrSet => Type is ColumnType.Enum or ColumnType.Set;
}
