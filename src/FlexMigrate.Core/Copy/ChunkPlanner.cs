using System.Globalization;
using FlexMigrate.Core.Schema;
using FlexMigrate.Core.Sql;
using MySqlConnector;

namespace FlexMigrate.Core.Copy;

/// <summary>
/// Splits a table into key-range chunks of about <see cref="TargetChunkRows"/> rows.
/// <para>
/// A single integer key whose values are dense enough is split arithmetically between MIN and MAX (two index
/// look-ups, instant at any size). Any other key (composite, character in collation order, binary, decimal,
/// temporal, or a sparse integer) is walked on the source in key order: each boundary is the key
/// <see cref="TargetChunkRows"/> rows after the previous one (one index range scan over the table in total), so
/// chunks are even whatever the distribution. Bounds are exact <see cref="KeyValue"/>s taken from the server's
/// own bytes, and the server compares them, so the chunk order is the collation's order by construction.
/// </para>
/// </summary>
public sealed class ChunkPlanner
{
    /// <summary>
    /// Default chunk size: large enough that per-chunk costs (connections, the target transaction) vanish, small
    /// enough to give parallel workers many chunks to share and a cheap retry (measured in docs/benchmarks.md).
    /// </summary>
    public const long DefaultChunkRows = 100_000;

    /// <summary>An integer key with MAX-MIN above this many times the row count is sparse: it is walked instead.</summary>
    private const int SparseFactor = 4;

    private const int MaxArithmeticChunks = 100_000;

    public ChunkPlanner(long targetChunkRows = DefaultChunkRows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(targetChunkRows, 1);
        TargetChunkRows = targetChunkRows;
    }

    public long TargetChunkRows { get; }

    /// <summary>
    /// Plans the chunks of <paramref name="spec"/> on the source. They are ordered, contiguous, open at both ends,
    /// and a table without a usable key (or one estimated to fit one chunk) gives the single whole-table chunk.
    /// </summary>
    public async Task<IReadOnlyList<CopyChunk>> PlanAsync(string sourceConnectionString, CopyTableSpec spec,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (!spec.HasKey || spec.EstimatedRows <= TargetChunkRows)
            return [CopyChunk.Whole];
        await using var connection = await CopySessions.OpenSourceAsync(sourceConnectionString, cancellationToken);
        var bounds = spec.KeyColumns is [{ Kind: ColumnTypeFamily.Integer }]
            ? await IntegerBoundsAsync(connection, spec, cancellationToken) ?? await WalkBoundsAsync(connection, spec, cancellationToken)
            : await WalkBoundsAsync(connection, spec, cancellationToken);
        return ToChunks(bounds);
    }

    /// <summary>Chunks between consecutive bounds, the first open below and the last open above.</summary>
    public static IReadOnlyList<CopyChunk> ToChunks(IReadOnlyList<ChunkBound> bounds)
    {
        var chunks = new List<CopyChunk>(bounds.Count + 1);
        ChunkBound? from = null;
        foreach (var bound in bounds)
        {
            chunks.Add(new CopyChunk(chunks.Count, from, bound));
            from = bound;
        }
        chunks.Add(new CopyChunk(chunks.Count, from, null));
        return chunks;
    }

    /// <summary>Evenly spaced bounds between MIN and MAX, or null when the key is too sparse for that.</summary>
    private async Task<List<ChunkBound>?> IntegerBoundsAsync(MySqlConnection connection, CopyTableSpec spec,
        CancellationToken cancellationToken)
    {
        var key = SqlText.Identifier(spec.KeyColumns[0].Name);
        await using var command = new MySqlCommand(
            $"SELECT CAST(MIN({key}) AS CHAR), CAST(MAX({key}) AS CHAR) FROM {spec.QualifiedName}", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken) || reader.IsDBNull(0))
            return [];
        var min = Int128.Parse(reader.GetString(0), CultureInfo.InvariantCulture);
        var max = Int128.Parse(reader.GetString(1), CultureInfo.InvariantCulture);
        var span = max - min + 1;
        if (span > (Int128)spec.EstimatedRows * SparseFactor)
            return null;
        var chunkCount = Math.Min(MaxArithmeticChunks, (spec.EstimatedRows + TargetChunkRows - 1) / TargetChunkRows);
        var width = (span + chunkCount - 1) / chunkCount;
        var bounds = new List<ChunkBound>();
        for (var bound = min + width; bound <= max; bound += width)
            bounds.Add(new ChunkBound([KeyValue.FromInteger(bound)]));
        return bounds;
    }

    /// <summary>Walks the key in order, taking the key every <see cref="TargetChunkRows"/> rows as a bound.</summary>
    private async Task<List<ChunkBound>> WalkBoundsAsync(MySqlConnection connection, CopyTableSpec spec,
        CancellationToken cancellationToken)
    {
        var select = string.Join(", ", spec.KeyColumns.Select(CopySql.SelectExpression));
        var order = CopySql.OrderBy(spec);
        var bounds = new List<ChunkBound>();
        while (true)
        {
            var where = bounds.Count == 0 ? "" : " WHERE " + CopySql.Compare(spec, bounds[^1], ">");
            var sql = $"SELECT {select} FROM {spec.QualifiedName}{where} ORDER BY {order} LIMIT 1 OFFSET " +
                TargetChunkRows.ToString(CultureInfo.InvariantCulture);
            await using var command = new MySqlCommand(sql, connection) { CommandTimeout = 0 };
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
                return bounds;
            var values = new KeyValue[spec.KeyColumns.Count];
            for (var i = 0; i < values.Length; i++)
                values[i] = KeyValue.FromSourceBytes(spec.KeyColumns[i], (byte[])reader.GetValue(i));
            bounds.Add(new ChunkBound(values));
        }
    }
}
