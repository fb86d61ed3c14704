namespace FlexMigrate.Core.Schema;

/// <summary>
/// Type names to <see cref="ColumnTypeFamily"/>. information_schema.COLUMNS.DATA_TYPE already holds the canonical name,
/// but DDL, SHOW output and older servers spell the same type several ways (MySQL "Data Type Storage Requirements" and
/// "Using Data Types from Other Database Engines"; MariaDB "Data Types"): every spelling maps to one family here.
/// </summary>
public static class ColumnTypes
{
    /// <summary>
    /// The canonical DATA_TYPE name of a type spelling: lower case, without length, precision, attributes (UNSIGNED,
    /// ZEROFILL, SIGNED) or a character set clause; synonyms mapped to the type the server stores ("double precision"
    /// and "real" to double (REAL is FLOAT only under sql_mode REAL_AS_FLOAT), "bool" to tinyint, "long" to mediumtext).
    /// </summary>
    public static string Canonical(string spelling)
    {
        ArgumentNullException.ThrowIfNull(spelling);
        var name = spelling.Trim().ToLowerInvariant();
        var paren = name.IndexOf('(', StringComparison.Ordinal);
        if (paren >= 0)
        {
            name = name[..paren];
        }

        var words = name.Split((char[])[' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);
        var length = 0;
        while (length < words.Length && !(length > 0 && IsAttribute(words, length)))
        {
            length++;
        }

        return Synonym(string.Join(' ', words.Take(length)));
    }

    /// <summary>The family of a type name in any spelling (see <see cref="Canonical"/>).</summary>
    public static ColumnTypeFamily FamilyOf(string dataType) => Canonical(dataType) switch
    {
        "tinyint" or "smallint" or "mediumint" or "int" or "bigint" => ColumnTypeFamily.Integer,
        "decimal" => ColumnTypeFamily.Decimal,
        "float" => ColumnTypeFamily.Float,
        "double" => ColumnTypeFamily.Double,
        "bit" => ColumnTypeFamily.Bit,
        "enum" => ColumnTypeFamily.Enum,
        "set" => ColumnTypeFamily.Set,
        "date" or "datetime" or "timestamp" or "time" or "year" => ColumnTypeFamily.Temporal,
        "char" or "varchar" => ColumnTypeFamily.Char,
        "tinytext" or "text" or "mediumtext" or "longtext" => ColumnTypeFamily.Text,
        "binary" or "varbinary" => ColumnTypeFamily.Binary,
        "tinyblob" or "blob" or "mediumblob" or "longblob" => ColumnTypeFamily.Blob,
        "geometry" or "point" or "linestring" or "polygon" or "multipoint" or "multilinestring" or "multipolygon"
            or "geometrycollection" => ColumnTypeFamily.Geometry,
        "json" => ColumnTypeFamily.Json,
        _ => ColumnTypeFamily.Other,
    };

    /// <summary>Text in a character set (CHAR/VARCHAR/TEXT types).</summary>
    public static bool IsCharacter(ColumnTypeFamily family) => family is ColumnTypeFamily.Char or ColumnTypeFamily.Text;

    /// <summary>Bytes without a character set (BINARY/VARBINARY/BLOB types; collation id 63 "binary").</summary>
    public static bool IsByteString(ColumnTypeFamily family) => family is ColumnTypeFamily.Binary or ColumnTypeFamily.Blob;

    /// <summary>
    /// Whether values of this type can exceed InnoDB's in-row limit and be stored off-row: TEXT/BLOB other than the
    /// TINY ones (at most 255 bytes), JSON and spatial types.
    /// </summary>
    public static bool IsLarge(string dataType)
    {
        var canonical = Canonical(dataType);
        return FamilyOf(canonical) is ColumnTypeFamily.Text or ColumnTypeFamily.Blob or ColumnTypeFamily.Json or ColumnTypeFamily.Geometry
            && canonical is not ("tinytext" or "tinyblob");
    }

    /// <summary>Whether a key column of this family can bound key-range chunks (its order and literals are exact).</summary>
    public static bool CanBoundChunks(ColumnTypeFamily family) =>
        family is not (ColumnTypeFamily.Geometry or ColumnTypeFamily.Json or ColumnTypeFamily.Other);

    // Words that end the type name: attributes and the character set / collation clause ("char binary",
    // "text character set latin1"); "character" begins a type only as "character varying" or "national character".
    private static bool IsAttribute(string[] words, int i) => words[i] switch
    {
        "unsigned" or "signed" or "zerofill" or "charset" or "collate" or "binary" or "ascii" or "unicode" => true,
        "character" => i + 1 < words.Length && words[i + 1] == "set",
        _ => false,
    };

    private static string Synonym(string name) => name switch
    {
        "bool" or "boolean" or "int1" => "tinyint",
        "int2" => "smallint",
        "int3" or "middleint" => "mediumint",
        "integer" or "int4" => "int",
        "int8" or "serial" => "bigint",
        "dec" or "numeric" or "fixed" or "number" => "decimal",
        "float4" => "float",
        "float8" or "real" or "double precision" => "double",
        "character" or "nchar" or "national char" or "national character" => "char",
        "character varying" or "char varying" or "varcharacter" or "nvarchar" or "national varchar"
            or "national char varying" or "national character varying" or "nchar varchar" or "nchar varying"
            or "varchar2" => "varchar",
        "long" or "long varchar" or "long char varying" or "long character varying" => "mediumtext",
        "long varbinary" => "mediumblob",
        "raw" => "varbinary",
        "clob" => "longtext",
        "geomcollection" => "geometrycollection",
        _ => name,
    };
}
