namespace FlexMigrate.Core.Validation;

/// <summary>
/// Accumulates one chunk's differences: exact totals, and the encoded keys found, of which the first
/// <see cref="ValidationOptions.MaxKeysPerKind"/> in key order are reported.
/// </summary>
internal sealed class DifferenceCollector(int maxKeys)
{
    private readonly List<string> _missing = [];
    private readonly List<string> _extra = [];
    private readonly List<string> _changed = [];

    public long MissingTotal { get; private set; }

    public long ExtraTotal { get; private set; }

    public long ChangedTotal { get; private set; }

    public int MaxKeys => maxKeys;

    public void AddMissing(long total, IEnumerable<string> keys)
    {
        MissingTotal += total;
        _missing.AddRange(keys);
    }

    public void AddExtra(long total, IEnumerable<string> keys)
    {
        ExtraTotal += total;
        _extra.AddRange(keys);
    }

    public void AddChanged(IReadOnlyCollection<string> keys)
    {
        ChangedTotal += keys.Count;
        _changed.AddRange(keys);
    }

    /// <summary>How many more keys of a kind are worth fetching for the report.</summary>
    public int RoomFor(bool missing) => Math.Max(0, maxKeys - (missing ? _missing.Count : _extra.Count));

    public IReadOnlyList<string> FirstMissing => First(_missing);

    public IReadOnlyList<string> FirstExtra => First(_extra);

    public IReadOnlyList<string> FirstChanged => First(_changed);

    private List<string> First(List<string> keys)
    {
        keys.Sort(KeyCodec.Compare);
        return keys.Take(maxKeys).ToList();
    }
}
