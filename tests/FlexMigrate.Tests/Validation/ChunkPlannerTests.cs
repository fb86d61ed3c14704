using System.Numerics;
using FlexMigrate.Core.Validation;

namespace FlexMigrate.Tests.Validation;

public class ChunkPlannerTests
{
    [Fact]
    public void Integer_keys_split_evenly_and_outer_chunks_are_open()
    {
        var boundaries = ChunkPlanner.IntegerBoundaries(1, 1000, estimatedRows: 1000, chunkRows: 250);
        Assert.Equal(["251", "501", "751"], boundaries.Select(b => b[0]));
        var chunks = ChunkPlanner.ToChunks(boundaries);
        Assert.Equal(4, chunks.Count);
        Assert.Null(chunks[0].Lower);
        Assert.Equal(["251"], chunks[0].Upper);
        Assert.Equal(["751"], chunks[3].Lower);
        Assert.Null(chunks[3].Upper);
    }

    [Fact]
    public void Unsigned_extremes_do_not_overflow()
    {
        var max = BigInteger.Parse("18446744073709551615", System.Globalization.CultureInfo.InvariantCulture);
        var boundaries = ChunkPlanner.IntegerBoundaries(0, max, estimatedRows: 4, chunkRows: 2);
        Assert.Equal(["9223372036854775808"], boundaries.Select(b => b[0]));
    }

    [Fact]
    public void Small_tables_and_single_values_stay_one_chunk()
    {
        Assert.Empty(ChunkPlanner.IntegerBoundaries(1, 10, estimatedRows: 10, chunkRows: 100));
        Assert.Empty(ChunkPlanner.IntegerBoundaries(5, 5, estimatedRows: 1000, chunkRows: 10));
        Assert.Equal([ChunkBounds.WholeTable], ChunkPlanner.ToChunks([]));
    }
}
