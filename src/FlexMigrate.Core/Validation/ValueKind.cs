namespace FlexMigrate.Core.Validation;

/// <summary>How a column's value is turned into exact, server-independent text for hashing and key encoding.</summary>
internal enum ValueKind
{
    /// <summary>TINYINT..BIGINT: decimal text is exact.</summary>
    Integer,

    /// <summary>DECIMAL: decimal text at the column's scale is exact.</summary>
    Decimal,

    /// <summary>FLOAT: widened to DOUBLE, whose text is the shortest round-trip form (FLOAT's own text keeps ~6 digits).</summary>
    Float,

    /// <summary>DOUBLE: shortest round-trip text.</summary>
    Double,

    /// <summary>DATE, DATETIME, TIMESTAMP (read at time_zone +00:00), TIME, YEAR: text with all fractional digits.</summary>
    Temporal,

    /// <summary>BIT: its unsigned integer value.</summary>
    Bit,

    /// <summary>CHAR, VARCHAR, ENUM, SET: the stored bytes as hex, so collation-equal values ('a' vs 'a ') differ.</summary>
    ShortText,

    /// <summary>BINARY, VARBINARY: the stored bytes as hex, including BINARY's 0x00 padding.</summary>
    ShortBinary,

    /// <summary>TEXT, BLOB, JSON and spatial types: MD5 of the stored bytes (hex would double very large values).</summary>
    Large,
}

/// <summary>Maps information_schema DATA_TYPE to <see cref="ValueKind"/>.</summary>
internal static class ValueKinds
{
    public static ValueKind Of(string dataType) => dataType.ToLowerInvariant() switch
    {
        "tinyint" or "smallint" or "mediumint" or "int" or "integer" or "bigint" => ValueKind.Integer,
        "decimal" or "numeric" => ValueKind.Decimal,
        "float" => ValueKind.Float,
        "double" or "real" => ValueKind.Double,
        "date" or "datetime" or "timestamp" or "time" or "year" => ValueKind.Temporal,
        "bit" => ValueKind.Bit,
        "char" or "varchar" or "enum" or "set" => ValueKind.ShortText,
        "binary" or "varbinary" => ValueKind.ShortBinary,
        _ => ValueKind.Large,
    };
}
