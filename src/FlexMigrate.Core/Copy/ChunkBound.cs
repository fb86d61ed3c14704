namespace FlexMigrate.Core.Copy;

/// <summary>
/// A position in a table's key order: one <see cref="KeyValue"/> per key column, in key order. Equality compares
/// the values (records alone would compare the list by reference).
/// </summary>
public sealed record ChunkBound(IReadOnlyList<KeyValue> Values)
{
    public bool Equals(ChunkBound? other) => other is not null && Values.SequenceEqual(other.Values);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var value in Values)
            hash.Add(value);
        return hash.ToHashCode();
    }
}
