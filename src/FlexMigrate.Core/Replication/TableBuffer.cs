using FlexMigrate.Core.Binlog;
using FlexMigrate.Core.Sql;

namespace FlexMigrate.Core.Replication;

/// <summary>
/// Pending row writes of one table within the current target transaction, all with one binlog column layout.
/// In merging mode (keys compare by bytes) the last change of each key wins and a flush writes deletes first,
/// then the upserts: the group's end state is a valid source state, so an upsert can only collide on a unique key
/// with a row that is itself rewritten or deleted later in the same flush (docs/replication.md, "Batching").
/// In ordered mode (a key column has a collation, so 'a' and 'A' may be one key) changes keep source order and only
/// runs of the same kind are merged into one statement.
/// </summary>
internal sealed class TableBuffer
{
    private readonly List<Entry> _entries = [];
    private readonly Dictionary<RowKey, int> _byKey = [];

    public TableBuffer(ReplicatedTable table, IReadOnlyList<BinlogColumn> columns, int[] keyIndexes)
    {
        Table = table;
        Columns = columns;
        KeyIndexes = keyIndexes;
        WriteIndexes = [.. Enumerable.Range(0, columns.Count).Where(i => !table.GeneratedColumns.Contains(columns[i].Name))];
        Merging = keyIndexes.All(i => !IsCollated(columns[i]));
        UpsertPrefix = $"REPLACE INTO {table.QualifiedName} ({string.Join(", ", WriteIndexes.Select(i => SqlText.Identifier(columns[i].Name)))}) VALUES ";
        UpsertTuple = "(" + string.Join(", ", WriteIndexes.Select(_ => "?")) + ")";
        DeletePrefix = $"DELETE FROM {table.QualifiedName} WHERE ";
        DeleteTuple = keyIndexes.Length == 1
            ? "?"
            : "(" + string.Join(" AND ", keyIndexes.Select(i => SqlText.Identifier(columns[i].Name) + " = ?")) + ")";
        KeyColumnName = SqlText.Identifier(columns[keyIndexes[0]].Name);
    }

    public ReplicatedTable Table { get; }

    public IReadOnlyList<BinlogColumn> Columns { get; }

    public int[] KeyIndexes { get; }

    public int[] WriteIndexes { get; }

    public bool Merging { get; }

    public string UpsertPrefix { get; }

    public string UpsertTuple { get; }

    public string DeletePrefix { get; }

    public string DeleteTuple { get; }

    public string KeyColumnName { get; }

    public int Count => _entries.Count;

    public long PendingBytes { get; private set; }

    public IReadOnlyList<Entry> Entries => _entries;

    /// <summary>True when rows with <paramref name="columns"/> can join this buffer (same names in the same order).</summary>
    public bool SameLayout(IReadOnlyList<BinlogColumn> columns)
    {
        if (ReferenceEquals(columns, Columns))
        {
            return true;
        }

        if (columns.Count != Columns.Count)
        {
            return false;
        }

        for (var i = 0; i < columns.Count; i++)
        {
            if (!string.Equals(columns[i].Name, Columns[i].Name, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    public object?[] KeyOf(object?[] image)
    {
        var key = new object?[KeyIndexes.Length];
        for (var i = 0; i < key.Length; i++)
        {
            key[i] = image[KeyIndexes[i]];
        }

        return key;
    }

    public void Upsert(object?[] after) => Add(new Entry(false, KeyOf(after), after));

    public void Delete(object?[] key) => Add(new Entry(true, key, null));

    public void Clear()
    {
        _entries.Clear();
        _byKey.Clear();
        PendingBytes = 0;
    }

    private void Add(Entry entry)
    {
        PendingBytes += RowBatcher.EstimateSize(entry.Image ?? entry.Key, null);
        if (Merging)
        {
            var key = new RowKey(entry.Key);
            if (_byKey.TryGetValue(key, out var at))
            {
                _entries[at] = entry;
                return;
            }

            _byKey[key] = _entries.Count;
        }

        _entries.Add(entry);
    }

    /// <summary>True when the column compares by a collation (case- or accent-insensitive equality is possible), not by bytes.</summary>
    internal static bool IsCollated(BinlogColumn column) =>
        !column.IsBinary && column.Type is ColumnType.VarChar or ColumnType.VarString or ColumnType.String or ColumnType.Blob
            or ColumnType.TinyBlob or ColumnType.MediumBlob or ColumnType.LongBlob;

    /// <summary>One pending write: a delete of <see cref="Key"/>, or the full after-image to write.</summary>
    internal readonly record struct Entry(bool IsDelete, object?[] Key, object?[]? Image);
}
