namespace FlexMigrate.Core.Replication;

/// <summary>
/// Key values compared as InnoDB decides "changed" for ON UPDATE (row_upd_changes_first_fields_binary): byte for
/// byte, so 'abc' -> 'ABC' is a change even under a case-insensitive collation.
/// </summary>
internal sealed class KeyTuple : IEqualityComparer<object?[]>
{
    public static readonly KeyTuple Comparer = new();

    public static bool BinaryEqual(object? a, object? b) => (Normalize(a), Normalize(b)) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (byte[] x, byte[] y) => x.AsSpan().SequenceEqual(y),
        (string x, string y) => string.Equals(x, y, StringComparison.Ordinal),
        var (x, y) => x.Equals(y),
    };

    public static bool HasNull(object?[] key) => key.Any(v => Normalize(v) is null);

    public bool Equals(object?[]? x, object?[]? y) =>
        ReferenceEquals(x, y) || (x is not null && y is not null && x.Length == y.Length
            && x.Zip(y).All(pair => BinaryEqual(pair.First, pair.Second)));

    public int GetHashCode(object?[] obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var hash = new HashCode();
        foreach (var value in obj)
        {
            switch (Normalize(value))
            {
                case null: hash.Add(0); break;
                case byte[] bytes: hash.AddBytes(bytes); break;
                case string s: hash.Add(s, StringComparer.Ordinal); break;
                case var other: hash.Add(other); break;
            }
        }

        return hash.ToHashCode();
    }

    private static object? Normalize(object? value) => value is DBNull ? null : value;
}
