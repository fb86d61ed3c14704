using System.Text.Json.Serialization;

namespace FlexMigrate.Core.Schema;

/// <summary>The kind of an index.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<IndexKind>))]
public enum IndexKind
{
    Primary,
    Unique,
    NonUnique,
    Fulltext,
    Spatial,
}

/// <summary>One part of an index key.</summary>
/// <param name="Name">Column name; null for a functional key part (MySQL 8.0.13+).</param>
/// <param name="PrefixLength">Prefix length in characters (bytes for binary columns), or null for the whole value.</param>
/// <param name="Descending">DESC key part (MySQL 8.0, MariaDB 10.8+).</param>
public sealed record IndexColumn(string? Name, int? PrefixLength, bool Descending);

/// <summary>One index, from information_schema.STATISTICS.</summary>
/// <param name="Name">Index name ("PRIMARY" for the primary key).</param>
/// <param name="Kind">Primary, unique, non-unique, fulltext or spatial.</param>
/// <param name="Columns">Key parts in order.</param>
/// <param name="IndexType">BTREE, HASH, FULLTEXT, SPATIAL, RTREE.</param>
/// <param name="Comment">Index comment.</param>
public sealed record IndexSchema(string Name, IndexKind Kind, IReadOnlyList<IndexColumn> Columns, string IndexType, string Comment);
