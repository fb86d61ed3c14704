using System.Globalization;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using FlexMigrate.Core.Schema;
using FlexMigrate.Core.Sql;

namespace FlexMigrate.Core.Copy;

/// <summary>How a <see cref="KeyValue"/> is written and compared.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<KeyValueType>))]
public enum KeyValueType
{
    /// <summary>A number (integer, decimal, double, BIT/ENUM/SET value) in the server's exact decimal text.</summary>
    Number,

    /// <summary>A temporal value in the server's text form (zero dates, negative TIME included).</summary>
    Temporal,

    /// <summary>Bytes of a character column in <see cref="KeyValue.Charset"/>, compared by the column's collation.</summary>
    Text,

    /// <summary>Bytes of a binary column, compared byte by byte.</summary>
    Binary,
}

/// <summary>
/// One key column's value at a chunk boundary, exact and JSON-safe: numbers and temporals as the server's text,
/// strings and bytes as upper-case hex (so trailing spaces, NUL bytes and any character set survive any JSON
/// serializer), with the character set of a text key so the literal compares under the column's collation.
/// </summary>
public sealed partial record KeyValue(KeyValueType Type, string Value, string? Charset = null)
{
    /// <summary>The value as a SQL literal, validated so a tampered payload cannot inject SQL.</summary>
    public string ToSqlLiteral() => Type switch
    {
        KeyValueType.Number when NumberPattern().IsMatch(Value) => Value,
        KeyValueType.Temporal when TemporalPattern().IsMatch(Value) => "'" + Value + "'",
        KeyValueType.Binary when HexPattern().IsMatch(Value) => SqlText.HexLiteral(Convert.FromHexString(Value)),
        // An introducer keeps the bytes as they are in the column's character set; the literal's coercibility is
        // lower than the column's, so the comparison uses the column's collation (MySQL "Collation Coercibility").
        KeyValueType.Text when HexPattern().IsMatch(Value) && Charset is not null && CharsetPattern().IsMatch(Charset)
            => SqlText.HexLiteral(Convert.FromHexString(Value), Charset),
        _ => throw new FormatException(
            $"Chunk bound value '{Value}' is not a valid {Type} key value (charset '{Charset}'); the chunk payload is corrupt: plan the table again."),
    };

    /// <summary>A key value from the exact bytes the source returned for a key column.</summary>
    public static KeyValue FromSourceBytes(CopyColumn column, ReadOnlySpan<byte> bytes) => column.Kind switch
    {
        ColumnTypeFamily.Char or ColumnTypeFamily.Text => new KeyValue(KeyValueType.Text, Convert.ToHexString(bytes), column.CharacterSet),
        ColumnTypeFamily.Binary or ColumnTypeFamily.Blob => new KeyValue(KeyValueType.Binary, Convert.ToHexString(bytes)),
        ColumnTypeFamily.Temporal => new KeyValue(KeyValueType.Temporal, System.Text.Encoding.ASCII.GetString(bytes)),
        ColumnTypeFamily.Integer or ColumnTypeFamily.Decimal or ColumnTypeFamily.Float or ColumnTypeFamily.Double
            or ColumnTypeFamily.Bit or ColumnTypeFamily.Enum or ColumnTypeFamily.Set
            => new KeyValue(KeyValueType.Number, System.Text.Encoding.ASCII.GetString(bytes)),
        _ => throw new NotSupportedException(
            $"Column {column.Name} of type {column.DataType} cannot bound chunks; the table is copied whole instead."),
    };

    /// <summary>An integer key value.</summary>
    public static KeyValue FromInteger(Int128 value) =>
        new(KeyValueType.Number, value.ToString(CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"^-?[0-9]{1,4}([-: .][0-9]{1,6})*$")]
    private static partial Regex TemporalPattern();

    [GeneratedRegex(@"^([0-9A-F]{2})*$")]
    private static partial Regex HexPattern();

    [GeneratedRegex(@"^[a-z0-9_]+$")]
    private static partial Regex CharsetPattern();
}
