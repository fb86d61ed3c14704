using FlexMigrate.Core.Chunking;
using FlexMigrate.Core.Validation;

namespace FlexMigrate.Tests.Chunking;

/// <summary>The one chunk planner of copy and validation, over an in-memory key (the SQL of each key has its own tests).</summary>
public class ChunkPlannerTests
{
    [Fact]
    public void Integer_keys_split_evenly_and_outer_ranges_are_open()
    {
        var bounds = ChunkPlanner.IntegerBounds(1, 1000, estimatedRows: 1000, chunkRows: 250)!;
        Assert.Equal([251, 501, 751], bounds.Select(b => (long)b));
        var ranges = ChunkPlanner.Ranges(bounds.Select(b => b.ToString()).ToList());
        Assert.Equal(4, ranges.Count);
        Assert.Equal((null, "251"), ranges[0]);
        Assert.Equal(("751", null), ranges[3]);
        Assert.Equal([ChunkBounds.WholeTable], ValidationPlanner.ToChunks([]));
    }

    [Fact]
    public void Unsigned_extremes_do_not_overflow()
    {
        var max = UInt128.MaxValue >> 64; // BIGINT UNSIGNED's largest value, 18446744073709551615
        var bounds = ChunkPlanner.IntegerBounds((Int128)(max - 999), (Int128)max, estimatedRows: 1000, chunkRows: 500);
        Assert.Equal(["18446744073709551116"], bounds!.Select(b => b.ToString()));
    }

    [Fact]
    public void Wide_rows_make_fewer_rows_a_chunk()
    {
        const long mib = 1024 * 1024;
        // 20 rows of 64 MB: four a chunk (256 MB), not 20 in one transaction.
        Assert.Equal(4, ChunkPlanner.RowsFor(100_000, estimatedRows: 20, tableBytes: 20 * 64 * mib));
        // Rows of 100 bytes: the row count binds, as before.
        Assert.Equal(100_000, ChunkPlanner.RowsFor(100_000, estimatedRows: 5_000_000, tableBytes: 500_000_000));
        // One row wider than a chunk still makes a chunk; an empty or unestimated table keeps the row count.
        Assert.Equal(1, ChunkPlanner.RowsFor(100_000, estimatedRows: 1, tableBytes: 1024 * mib));
        Assert.Equal(100_000, ChunkPlanner.RowsFor(100_000, estimatedRows: 0, tableBytes: 0));
    }

    [Fact]
    public void Small_tables_and_single_values_stay_one_range()
    {
        Assert.Empty(ChunkPlanner.IntegerBounds(1, 10, estimatedRows: 10, chunkRows: 100)!);
        Assert.Empty(ChunkPlanner.IntegerBounds(5, 5, estimatedRows: 1000, chunkRows: 10)!);
    }

    [Fact]
    public async Task A_table_that_fits_one_range_reads_nothing()
    {
        var key = new ListKey(Enumerable.Range(1, 50).ToList());
        Assert.Empty(await new ChunkPlanner(100).BoundsAsync(key, estimatedRows: 100));
        Assert.Equal(0, key.Reads);
    }

    [Fact]
    public async Task A_dense_integer_key_is_split_by_arithmetic_without_a_walk()
    {
        var key = new ListKey(Enumerable.Range(1, 1000).ToList());
        var bounds = await new ChunkPlanner(250).BoundsAsync(key, estimatedRows: 1000);
        Assert.Equal(["251", "501", "751"], bounds.Select(b => b.Value));
        Assert.Equal(0, key.Walks);
    }

    /// <summary>
    /// Validation used to split any single integer key arithmetically: a sparse key (ids 1, 1e6, 2e6, ...) gave ranges
    /// that were nearly all empty and one that held every row. The copy's planner already walked such keys; the one
    /// planner does for both.
    /// </summary>
    [Fact]
    public async Task A_sparse_integer_key_is_walked_into_even_ranges()
    {
        var key = new ListKey(Enumerable.Range(0, 1000).Select(i => i * 1_000_000 + (i % 7)).ToList());
        var bounds = await new ChunkPlanner(250).BoundsAsync(key, estimatedRows: 1000);
        Assert.Equal([key.Values[250], key.Values[500], key.Values[750]], bounds.Select(b => b.Key));
        Assert.Null(ChunkPlanner.IntegerBounds(0, 999_000_005, 1000, 250));
    }

    [Fact]
    public async Task A_composite_key_is_walked_every_chunk_rows_rows_to_the_end()
    {
        var key = new ListKey(Enumerable.Range(0, 1001).ToList(), singleInteger: false);
        var bounds = await new ChunkPlanner(100).BoundsAsync(key, estimatedRows: 900);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => i * 100), bounds.Select(b => b.Key));
        Assert.Equal(11, key.Walks);
    }

    private sealed record Bound(int Key)
    {
        public string Value => Key.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A sorted key held in memory, answering as the source's index would.</summary>
    private sealed class ListKey(List<int> values, bool singleInteger = true) : IChunkKey<Bound>
    {
        public List<int> Values => values;

        public int Reads { get; private set; }

        public int Walks { get; private set; }

        public bool IsSingleInteger => singleInteger;

        public Task<(Int128 Min, Int128 Max)?> ReadIntegerRangeAsync(CancellationToken cancellationToken)
        {
            Reads++;
            return Task.FromResult<(Int128, Int128)?>(values.Count == 0 ? null : (values[0], values[^1]));
        }

        public Bound IntegerBound(Int128 value) => new((int)value);

        public Task<Bound?> NextBoundAsync(Bound? from, long offset, CancellationToken cancellationToken)
        {
            Reads++;
            Walks++;
            var start = from is null ? 0 : values.FindIndex(v => v >= from.Key);
            var at = start + (int)offset;
            return Task.FromResult(at < values.Count ? new Bound(values[at]) : null);
        }
    }
}
