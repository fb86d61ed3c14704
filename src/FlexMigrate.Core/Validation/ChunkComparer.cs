using System.Globalization;
using MySqlConnector;

namespace FlexMigrate.Core.Validation;

/// <summary>
/// Compares one chunk of a table: count and hash sum per side; when they differ, splits the chunk into hash buckets of
/// the key (the same buckets on both servers, independent of collation and row order) and descends only into buckets
/// that differ, until a bucket is small enough to compare row by row. Both sides run in their own consistent snapshot
/// for the whole chunk, so every drill-down query sees the rows the aggregate saw.
/// </summary>
internal sealed class ChunkComparer
{
    /// <summary>Deepest drill-down level: 16^8 buckets isolate single rows in any table that fits on a server.</summary>
    private const int MaxDepth = 8;

    private readonly TableValidationPlan _plan;
    private readonly ValidationOptions _options;
    private readonly TableSql _sourceSql;
    private readonly TableSql _targetSql;
    private readonly DifferenceCollector _differences;
    private ServerSnapshot _source = null!;
    private ServerSnapshot _target = null!;

    public ChunkComparer(TableValidationPlan plan, ValidationOptions options)
    {
        _plan = plan;
        _options = options;
        _sourceSql = new TableSql(plan.Table, plan.Source, options.DrillDownFanOut);
        _targetSql = new TableSql(plan.Table, plan.Target, options.DrillDownFanOut);
        _differences = new DifferenceCollector(options.MaxKeysPerKind);
    }

    private sealed record Aggregate(long Count, string Sum);

    public async Task<ChunkValidationResult> CompareAsync(
        string sourceConnectionString, string targetConnectionString, int chunkIndex, CancellationToken cancellationToken)
    {
        var chunk = _plan.Chunks[chunkIndex];
        await using var source = await ServerSnapshot.OpenAsync(sourceConnectionString, "source", _options.CommandTimeoutSeconds, cancellationToken);
        await using var target = await ServerSnapshot.OpenAsync(targetConnectionString, "target", _options.CommandTimeoutSeconds, cancellationToken);
        (_source, _target) = (source, target);

        var (s, t) = await BothAsync(
            sql => sql.Aggregate(sql.Where(chunk, [])),
            ReadAggregate,
            cancellationToken);
        if (s[0] != t[0])
        {
            await DrillAsync(chunk, [], s[0], t[0], cancellationToken);
        }

        var changed = await NameChangedColumnsAsync(chunk, cancellationToken);
        var keyColumns = _sourceSql.KeyIdColumns;
        return new ChunkValidationResult(
            chunkIndex,
            s[0].Count,
            t[0].Count,
            new DifferingKeys(_differences.MissingTotal, _differences.FirstMissing.Select(k => KeyCodec.Display(keyColumns, k)).ToList()),
            new DifferingKeys(_differences.ExtraTotal, _differences.FirstExtra.Select(k => KeyCodec.Display(keyColumns, k)).ToList()),
            new ChangedRows(_differences.ChangedTotal, changed));
    }

    private async Task DrillAsync(ChunkBounds chunk, IReadOnlyList<int> path, Aggregate s, Aggregate t, CancellationToken cancellationToken)
    {
        if (s.Count == 0 || t.Count == 0)
        {
            await AddOneSidedAsync(chunk, path, missing: t.Count == 0, Math.Max(s.Count, t.Count), cancellationToken);
        }
        else if (Math.Max(s.Count, t.Count) <= _options.RowLevelThreshold || path.Count >= MaxDepth)
        {
            await CompareRowsAsync(chunk, path, cancellationToken);
        }
        else
        {
            var (sb, tb) = await BothAsync(
                sql => sql.Buckets(sql.Where(chunk, path), path.Count),
                r => (Bucket: r.GetInt32(0), Value: new Aggregate(r.GetInt64(1), r.GetString(2))),
                cancellationToken);
            var sourceBuckets = sb.ToDictionary(b => b.Bucket, b => b.Value);
            var targetBuckets = tb.ToDictionary(b => b.Bucket, b => b.Value);
            var empty = new Aggregate(0, "0");
            foreach (var bucket in sourceBuckets.Keys.Union(targetBuckets.Keys).Order())
            {
                var sa = sourceBuckets.GetValueOrDefault(bucket, empty);
                var ta = targetBuckets.GetValueOrDefault(bucket, empty);
                if (sa != ta)
                {
                    await DrillAsync(chunk, [.. path, bucket], sa, ta, cancellationToken);
                }
            }
        }
    }

    /// <summary>Rows exist on one side only: the count is already known, so only the first keys are fetched.</summary>
    private async Task AddOneSidedAsync(ChunkBounds chunk, IReadOnlyList<int> path, bool missing, long count, CancellationToken cancellationToken)
    {
        var room = _differences.RoomFor(missing);
        IReadOnlyList<string> keys = [];
        if (room > 0)
        {
            var (server, sql) = missing ? (_source, _sourceSql) : (_target, _targetSql);
            keys = await server.QueryAsync(sql.FirstKeys(sql.Where(chunk, path), room), r => r.GetString(0), cancellationToken);
        }

        if (missing)
        {
            _differences.AddMissing(count, keys);
        }
        else
        {
            _differences.AddExtra(count, keys);
        }
    }

    private Task CompareRowsAsync(ChunkBounds chunk, IReadOnlyList<int> path, CancellationToken cancellationToken) =>
        _plan.IsMultiset ? CompareMultisetAsync(chunk, path, cancellationToken) : CompareKeyedAsync(chunk, path, cancellationToken);

    private async Task CompareKeyedAsync(ChunkBounds chunk, IReadOnlyList<int> path, CancellationToken cancellationToken)
    {
        var (s, t) = await BothAsync(
            sql => sql.KeyedRows(sql.Where(chunk, path)),
            r => (Key: r.GetString(0), Hash: r.GetString(1)),
            cancellationToken);
        var source = s.ToDictionary(r => r.Key, r => r.Hash, StringComparer.Ordinal);
        var target = t.ToDictionary(r => r.Key, r => r.Hash, StringComparer.Ordinal);
        var missing = source.Keys.Where(k => !target.ContainsKey(k)).ToList();
        var extra = target.Keys.Where(k => !source.ContainsKey(k)).ToList();
        var changed = source.Where(p => target.TryGetValue(p.Key, out var h) && h != p.Value).Select(p => p.Key).ToList();
        _differences.AddMissing(missing.Count, missing);
        _differences.AddExtra(extra.Count, extra);
        _differences.AddChanged(changed);
    }

    /// <summary>Tables without a key: rows are compared as multisets, each distinct row counted per side.</summary>
    private async Task CompareMultisetAsync(ChunkBounds chunk, IReadOnlyList<int> path, CancellationToken cancellationToken)
    {
        var (s, t) = await BothAsync(
            sql => sql.MultisetRows(sql.Where(chunk, path)),
            r => (Hash: r.GetString(0), Count: r.GetInt64(1), Row: r.GetString(2)),
            cancellationToken);
        var target = t.ToDictionary(r => r.Hash, StringComparer.Ordinal);
        var source = s.ToDictionary(r => r.Hash, StringComparer.Ordinal);
        foreach (var row in s)
        {
            var surplus = row.Count - (target.TryGetValue(row.Hash, out var other) ? other.Count : 0);
            if (surplus > 0)
            {
                _differences.AddMissing(surplus, Enumerable.Repeat(row.Row, (int)Math.Min(surplus, _differences.MaxKeys)));
            }
        }

        foreach (var row in t)
        {
            var surplus = row.Count - (source.TryGetValue(row.Hash, out var other) ? other.Count : 0);
            if (surplus > 0)
            {
                _differences.AddExtra(surplus, Enumerable.Repeat(row.Row, (int)Math.Min(surplus, _differences.MaxKeys)));
            }
        }
    }

    /// <summary>For the reported changed rows, compares per-column hashes to name the columns that differ.</summary>
    private async Task<IReadOnlyList<ChangedRow>> NameChangedColumnsAsync(ChunkBounds chunk, CancellationToken cancellationToken)
    {
        var keys = _differences.FirstChanged;
        if (keys.Count == 0)
        {
            return [];
        }

        var (s, t) = await BothAsync(
            sql => sql.ColumnHashes(sql.Where(chunk, []), keys),
            r => (Key: r.GetString(0), Hashes: Enumerable.Range(1, r.FieldCount - 1).Select(r.GetString).ToArray()),
            cancellationToken);
        var target = t.ToDictionary(r => r.Key, r => r.Hashes, StringComparer.Ordinal);
        var source = s.ToDictionary(r => r.Key, r => r.Hashes, StringComparer.Ordinal);
        var columns = _plan.Source.Columns;
        return keys.Select(k => new ChangedRow(
                KeyCodec.Display(_sourceSql.KeyIdColumns, k),
                source.TryGetValue(k, out var sh) && target.TryGetValue(k, out var th)
                    ? columns.Where((_, i) => sh[i] != th[i]).Select(c => c.Name).ToList()
                    : []))
            .ToList();
    }

    /// <summary>Runs the same statement (built from each side's own column types) on both servers at once.</summary>
    private async Task<(List<T> Source, List<T> Target)> BothAsync<T>(
        Func<TableSql, SqlQuery> build, Func<MySqlDataReader, T> map, CancellationToken cancellationToken)
    {
        var source = Run(_source, build(_sourceSql), map, cancellationToken);
        var target = Run(_target, build(_targetSql), map, cancellationToken);
        await Task.WhenAll(source, target);
        return (await source, await target);
    }

    private async Task<List<T>> Run<T>(ServerSnapshot server, SqlQuery query, Func<MySqlDataReader, T> map, CancellationToken cancellationToken)
    {
        try
        {
            return await server.QueryAsync(query, map, cancellationToken);
        }
        catch (MySqlException ex)
        {
            throw new InvalidOperationException(
                $"Validating {_plan.Table} failed on the {server.Side} server: {ex.Message} (MySQL error {ex.Number.ToString(CultureInfo.InvariantCulture)}). " +
                "Check that the validating user may SELECT the table.", ex);
        }
    }

    private static Aggregate ReadAggregate(MySqlDataReader r) => new(r.GetInt64(0), r.GetString(1));
}
