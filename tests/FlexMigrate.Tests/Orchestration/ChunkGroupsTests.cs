using FlexMigrate.Core.Copy;
using FlexMigrate.Orchestration.Pipeline;

namespace FlexMigrate.Tests.Orchestration;

public sealed class ChunkGroupsTests
{
    [Theory]
    [InlineData(500, false)]
    [InlineData(501, true)]
    public void Chunks_are_grouped_only_above_the_inline_limit(int chunks, bool grouped) =>
        Assert.Equal(grouped, ChunkGroups.Grouped(chunks));

    [Theory]
    // About one group a slot, so one table still loads over every session...
    [InlineData(240, 4, new[] { 60, 60, 60, 60 })]
    [InlineData(50, 4, new[] { 13, 13, 13, 11 })]
    // ...but never more than 100 chunks a group (a group's history is bounded whatever the table's size)...
    [InlineData(450, 4, new[] { 100, 100, 100, 100, 50 })]
    // ...nor fewer than 8 (a sub-orchestration costs more than an activity), unless the table has fewer.
    [InlineData(20, 8, new[] { 8, 8, 4 })]
    [InlineData(3, 4, new[] { 3 })]
    public void A_tables_chunks_are_cut_into_consecutive_groups(int chunks, int parallelism, int[] sizes)
    {
        var all = Enumerable.Range(0, chunks).Select(i => new CopyChunk(i, null, null)).ToList();

        var groups = ChunkGroups.Cut(all, parallelism).ToList();

        Assert.Equal(sizes, groups.Select(g => g.Count));
        Assert.Equal(all.Select(c => c.Index), groups.SelectMany(g => g).Select(c => c.Index));
    }
}
