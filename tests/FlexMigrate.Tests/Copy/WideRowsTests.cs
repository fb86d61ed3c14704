using FlexMigrate.Core.Copy;
using FlexMigrate.Core.Schema;

namespace FlexMigrate.Tests.Copy;

/// <summary>
/// Wide tables' chunks are read one at a time per process (issue 20: memory bounded whatever the table's size): the
/// average row comes from the table's information_schema sizes, and a second wide chunk waits for the first.
/// </summary>
public class WideRowsTests
{
    private static TableShapeFacts Shape(long rows, long bytes) => new(new ObjectName("d", "t"), rows,
        [new ColumnSchema("id", 1, "int", "int(11)", null, null, false, null, null, GeneratedKind.None, null, false, false, "")],
        new IndexSchema("PRIMARY", IndexKind.Primary, [new IndexColumn("id", null, false)], "BTREE", ""), [], Bytes: bytes);

    [Theory]
    [InlineData(16, 16L * 64 * 1024 * 1024, 64L * 1024 * 1024, true)]
    [InlineData(1_000_000, 1_000_000_000, 1000, false)]
    [InlineData(0, 0, 0, false)]
    [InlineData(4, 4L * WideRows.WideTableRowBytes, WideRows.WideTableRowBytes, true)]
    [InlineData(4, 4L * WideRows.WideTableRowBytes - 4, WideRows.WideTableRowBytes - 1, false)]
    public void A_table_is_wide_when_its_average_row_is(long rows, long bytes, long average, bool wide)
    {
        var spec = CopyTableSpecReader.FromShape(Shape(rows, bytes));

        Assert.Equal(average, spec.AverageRowBytes);
        Assert.Equal(wide, WideRows.IsWide(spec));
    }

    [Fact]
    public async Task A_second_wide_chunk_waits_for_the_first_and_narrow_chunks_do_not()
    {
        var wide = CopyTableSpecReader.FromShape(Shape(4, 4L * 64 * 1024 * 1024));
        var narrow = CopyTableSpecReader.FromShape(Shape(1000, 1_000_000));

        var first = await WideRows.EnterAsync(wide, CancellationToken.None);
        Assert.NotNull(first);
        var second = WideRows.EnterAsync(wide, CancellationToken.None);
        Assert.Null(await WideRows.EnterAsync(narrow, CancellationToken.None));
        Assert.False(second.IsCompleted);

        first.Dispose();
        first.Dispose();
        using var entered = await second.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.NotNull(entered);
        using var cancelled = new CancellationTokenSource();
        var third = WideRows.EnterAsync(wide, cancelled.Token);
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => third);
    }
}
