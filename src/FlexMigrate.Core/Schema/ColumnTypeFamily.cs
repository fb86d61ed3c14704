namespace FlexMigrate.Core.Schema;

/// <summary>
/// The one classification of MySQL/MariaDB column types that every path shares: the copy (how a value is read and
/// loaded exactly, whether it can bound chunks), validation (how a value becomes comparable text), the precheck (large
/// values) and the binlog reader (binary strings). Each family has one exact text form on the server; the paths differ
/// only in what they do with it. <see cref="ColumnTypes.FamilyOf"/> maps every type name spelling to its family.
/// </summary>
public enum ColumnTypeFamily
{
    /// <summary>TINYINT..BIGINT (BOOL, INT1..INT8, SERIAL), signed or unsigned: exact decimal text.</summary>
    Integer,

    /// <summary>DECIMAL/NUMERIC/DEC/FIXED: the server's exact decimal text (up to 65 digits, beyond .NET decimal).</summary>
    Decimal,

    /// <summary>FLOAT: widened to DOUBLE on the server (exact), because FLOAT's own text form keeps ~6 digits.</summary>
    Float,

    /// <summary>DOUBLE/DOUBLE PRECISION/REAL: the server prints the shortest text that round-trips.</summary>
    Double,

    /// <summary>BIT(n): its unsigned integer value (LOAD DATA cannot take BIT's raw bytes).</summary>
    Bit,

    /// <summary>ENUM: its index, so the empty error value (index 0) stays distinct from a '' member.</summary>
    Enum,

    /// <summary>SET: its bit mask.</summary>
    Set,

    /// <summary>DATE, DATETIME, TIMESTAMP, TIME, YEAR: the server's text, zero and partial zero dates included.</summary>
    Temporal,

    /// <summary>CHAR/VARCHAR (and their NATIONAL/CHARACTER VARYING spellings): short text in a character set.</summary>
    Char,

    /// <summary>TINYTEXT..LONGTEXT (LONG, LONG VARCHAR): text that may be stored off-row; MariaDB's JSON is LONGTEXT.</summary>
    Text,

    /// <summary>BINARY/VARBINARY: short bytes, BINARY's 0x00 padding included.</summary>
    Binary,

    /// <summary>TINYBLOB..LONGBLOB (LONG VARBINARY): bytes that may be stored off-row.</summary>
    Blob,

    /// <summary>GEOMETRY and its subtypes: the internal form (4-byte SRID + WKB).</summary>
    Geometry,

    /// <summary>MySQL's native JSON type: its text, loaded as utf8mb4.</summary>
    Json,

    /// <summary>Any other type (MariaDB UUID, INET4, INET6, VECTOR, ...): its text form; not usable as a chunking key.</summary>
    Other,
}
