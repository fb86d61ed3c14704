using System.Text.Json.Serialization;

namespace FlexMigrate.Core.Copy;

/// <summary>
/// A key range of one table: keys &gt;= <see cref="From"/> and &lt; <see cref="To"/>. A null bound is open, so the
/// first chunk reaches below the smallest key and the last above the largest, and consecutive chunks share their
/// bound: together they cover the whole key space with no gap or overlap, including rows inserted while planning.
/// A chunk with both bounds null is the whole table (always the case for a table without a usable key).
/// </summary>
public sealed record CopyChunk(int Index, ChunkBound? From, ChunkBound? To)
{
    /// <summary>The single chunk of a table copied whole.</summary>
    public static CopyChunk Whole { get; } = new(0, null, null);

    /// <summary>True when the chunk covers the whole table.</summary>
    [JsonIgnore]
    public bool IsWhole => From is null && To is null;
}
