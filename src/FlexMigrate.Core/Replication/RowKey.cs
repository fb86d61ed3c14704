namespace FlexMigrate.Core.Replication;

/// <summary>
/// A row's replication-key values compared by value (byte arrays by content), to merge changes of one key within a
/// group. Only used for keys without collated character columns, whose equality is the bytes' (see <see cref="RowBatcher"/>).
/// </summary>
internal readonly struct RowKey : IEquatable<RowKey>
{
    private readonly object?[] _values;
    private readonly int _hash;

    public RowKey(object?[] values)
    {
        _values = values;
        var hash = new HashCode();
        foreach (var v in values)
        {
            if (v is byte[] bytes)
            {
                hash.AddBytes(bytes);
            }
            else
            {
                hash.Add(v);
            }
        }

        _hash = hash.ToHashCode();
    }

    public object?[] Values => _values;

    public bool Equals(RowKey other)
    {
        if (_hash != other._hash || _values.Length != other._values.Length)
        {
            return false;
        }

        for (var i = 0; i < _values.Length; i++)
        {
            if (!ValueEquals(_values[i], other._values[i]))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => obj is RowKey other && Equals(other);

    public override int GetHashCode() => _hash;

    public static bool operator ==(RowKey left, RowKey right) => left.Equals(right);

    public static bool operator !=(RowKey left, RowKey right) => !left.Equals(right);

    public static bool ValueEquals(object? a, object? b) => a is byte[] x && b is byte[] y ? x.AsSpan().SequenceEqual(y) : Equals(a, b);
}
