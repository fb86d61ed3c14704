namespace FlexMigrate.Core.Copy;

/// <summary>
/// The families of column types the copy treats differently. Each kind has one exact text form read from the
/// source and one way of loading it (see <see cref="CopySql"/>).
/// </summary>
public enum CopyColumnKind
{
    /// <summary>TINYINT..BIGINT, signed or unsigned: decimal text.</summary>
    Integer,

    /// <summary>DECIMAL/NUMERIC: the server's exact decimal text (up to 65 digits, beyond .NET decimal).</summary>
    Decimal,

    /// <summary>FLOAT: widened to DOUBLE on the source (exact), because FLOAT's own text form keeps ~6 digits.</summary>
    Float,

    /// <summary>DOUBLE/REAL: the server prints the shortest text that round-trips.</summary>
    Double,

    /// <summary>BIT(n): moved as its unsigned integer value; LOAD DATA cannot take BIT's raw bytes.</summary>
    Bit,

    /// <summary>ENUM: moved as its index so the empty error value (index 0) stays distinct from a '' member.</summary>
    Enum,

    /// <summary>SET: moved as its bit mask.</summary>
    Set,

    /// <summary>DATE, DATETIME, TIMESTAMP, TIME, YEAR: the server's text, zero and partial zero dates included.</summary>
    Temporal,

    /// <summary>CHAR/VARCHAR/TEXT types: the stored bytes in the column's character set, never transcoded.</summary>
    Text,

    /// <summary>BINARY/VARBINARY/BLOB types: the bytes, padding included.</summary>
    Binary,

    /// <summary>GEOMETRY and its subtypes: the internal form (4-byte SRID + WKB).</summary>
    Geometry,

    /// <summary>MySQL's native JSON type: its text, loaded as utf8mb4 (MariaDB's JSON is LONGTEXT, a Text column).</summary>
    Json,

    /// <summary>Any other type (e.g. MariaDB UUID, INET6): its text form; not usable as a chunking key.</summary>
    Other,
}

/// <summary>Maps information_schema DATA_TYPE names to <see cref="CopyColumnKind"/>.</summary>
public static class CopyColumnKinds
{
    public static CopyColumnKind FromDataType(string dataType) => dataType.ToLowerInvariant() switch
    {
        "tinyint" or "smallint" or "mediumint" or "int" or "integer" or "bigint" => CopyColumnKind.Integer,
        "decimal" or "numeric" => CopyColumnKind.Decimal,
        "float" => CopyColumnKind.Float,
        "double" or "real" or "double precision" => CopyColumnKind.Double,
        "bit" => CopyColumnKind.Bit,
        "enum" => CopyColumnKind.Enum,
        "set" => CopyColumnKind.Set,
        "date" or "datetime" or "timestamp" or "time" or "year" => CopyColumnKind.Temporal,
        "char" or "varchar" or "tinytext" or "text" or "mediumtext" or "longtext" => CopyColumnKind.Text,
        "binary" or "varbinary" or "tinyblob" or "blob" or "mediumblob" or "longblob" => CopyColumnKind.Binary,
        "geometry" or "point" or "linestring" or "polygon" or "multipoint" or "multilinestring" or "multipolygon"
            or "geometrycollection" or "geomcollection" => CopyColumnKind.Geometry,
        "json" => CopyColumnKind.Json,
        _ => CopyColumnKind.Other,
    };

    /// <summary>Whether a key column of this kind can bound chunks (its order and literals are exact).</summary>
    public static bool CanBoundChunks(CopyColumnKind kind) =>
        kind is not (CopyColumnKind.Geometry or CopyColumnKind.Json or CopyColumnKind.Other);
}
