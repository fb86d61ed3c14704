using System.Text.Json;
using FlexMigrate.Core.Schema;
using FlexMigrate.Orchestration.Contracts;
using FlexMigrate.Orchestration.Pipeline;

namespace FlexMigrate.Tests.Orchestration;

/// <summary>How the load groups small tables into batches, and what a batch costs durable history (issue 20).</summary>
public class SmallTableBatchesTests
{
    [Fact]
    public void Ten_thousand_small_tables_make_a_hundred_batches_of_a_hundred_in_plan_order()
    {
        var tables = Tables(10_000, rows: 5);

        var batches = SmallTableBatches.Cut(tables, chunkRows: 200_000, parallelism: 4);

        Assert.Equal(100, batches.Count);
        Assert.All(batches, b => Assert.Equal(SmallTableBatches.MaxTables, b.Count));
        Assert.Equal(tables, batches.SelectMany(b => b));
    }

    [Fact]
    public void A_few_tables_are_spread_so_every_slot_has_work()
    {
        var batches = SmallTableBatches.Cut(Tables(32, rows: 5), chunkRows: 200_000, parallelism: 4);

        Assert.Equal(16, batches.Count);
        Assert.All(batches, b => Assert.Equal(2, b.Count));
    }

    [Fact]
    public void A_batch_holds_about_one_chunk_of_rows()
    {
        var batches = SmallTableBatches.Cut(Tables(40, rows: 60_000), chunkRows: 200_000, parallelism: 1);

        Assert.Equal([.. Enumerable.Repeat(3, 13), 1], batches.Select(b => b.Count));
    }

    [Fact]
    public void Small_means_the_chunk_planners_one_chunk_rule()
    {
        Assert.True(SmallTableBatches.IsSmall(new TableWork("d", "t", 200_000, 0, HasKey: true), 200_000));
        Assert.False(SmallTableBatches.IsSmall(new TableWork("d", "t", 200_001, 0, HasKey: true), 200_000));
        Assert.False(SmallTableBatches.IsSmall(new TableWork("d", "t", 5_000_000, 0, HasKey: false), 200_000));
        // 100 rows of 64 MB are 25 chunks of 256 MB, not one small table.
        Assert.False(SmallTableBatches.IsSmall(new TableWork("d", "t", 100, 100L * 64 * 1024 * 1024, HasKey: true), 200_000));
    }

    [Fact]
    public void A_batch_holds_about_one_chunk_of_bytes()
    {
        // Ten tables of 3 rows of 40 MB (120 MB each): two a batch, 240 MB, under the 256 MB a chunk aims at.
        var tables = Enumerable.Range(1, 10).Select(i => new TableWork("db", $"t{i}", 3, 120L * 1024 * 1024, HasKey: true)).ToList();
        Assert.Equal(Enumerable.Repeat(2, 5), SmallTableBatches.Cut(tables, chunkRows: 200_000, parallelism: 1).Select(b => b.Count));
    }

    [Fact]
    public void A_full_batch_stays_under_a_queue_message_in_history_each_way()
    {
        // Worst case: table names of 64 characters (the longest MySQL allows) in a 64-character database. The input
        // stays under the Azure Storage queue message limit (64 KB), above which the durable backend spills to blobs.
        var tables = Enumerable.Range(0, SmallTableBatches.MaxTables)
            .Select(i => new TableWork(new string('d', 64), $"{i:D4}{new string('t', 60)}", 9_999, 1L << 40, HasKey: true)).ToList();
        var step = new SmallTablesStep("source", "target", tables, 200_000, SchemaOptions.Default, IncludeUnique: true, "migration-id");
        var copied = new SmallTablesCopied([.. tables.Select(_ => new SmallTableCopied(new ChunkCopied(9_999, 1L << 30, 12_345)))], []);

        Assert.InRange(JsonSerializer.SerializeToUtf8Bytes(step).Length, 1, 48 * 1024);
        Assert.InRange(JsonSerializer.SerializeToUtf8Bytes(copied).Length, 1, 16 * 1024);
    }

    [Fact]
    public void Ten_thousand_small_tables_make_twenty_groups_of_five_hundred_each_naming_its_range_of_the_plan()
    {
        var tables = Tables(10_000, rows: 5);

        var groups = SmallTableBatches.Groups(tables, chunkRows: 200_000, parallelism: 4);

        Assert.Equal(20, groups.Count);
        Assert.All(groups, g => Assert.Equal(SmallTableBatches.MaxGroupTables, g.Tables.Count));
        Assert.Equal(tables, groups.SelectMany(g => g.Tables));
        Assert.All(groups, g => Assert.Equal(g.Tables, tables.Skip(g.Skip).Take(g.Take)));
    }

    [Fact]
    public void A_few_hundred_tables_make_about_four_groups_a_slot()
    {
        var groups = SmallTableBatches.Groups(Tables(1_000, rows: 5), chunkRows: 200_000, parallelism: 4);

        Assert.Equal(16, groups.Count);
        Assert.Equal([.. Enumerable.Repeat(63, 15), 55], groups.Select(g => g.Tables.Count));
    }

    [Fact]
    public void A_group_skips_the_large_tables_of_its_range_and_reads_back_the_same_small_ones()
    {
        // Large tables first (the plan's order), then small ones with a large one among them (a stale estimate elsewhere).
        List<TableWork> tables = [.. Tables(3, rows: 1_000_000), .. Tables(5, rows: 5), .. Tables(1, rows: 900_000), .. Tables(5, rows: 5)];

        var groups = SmallTableBatches.Groups(tables, chunkRows: 200_000, parallelism: 1);

        Assert.Equal([3, 3, 3, 1], groups.Select(g => g.Tables.Count));
        Assert.Equal((3, 3), (groups[0].Skip, groups[0].Take));
        Assert.Equal((6, 4), (groups[1].Skip, groups[1].Take));
        Assert.All(groups, g => Assert.Equal(g.Tables, SmallTableBatches.SmallOf(tables.Skip(g.Skip).Take(g.Take), 200_000)));
    }

    [Fact]
    public void A_group_summary_is_a_few_bytes_a_table()
    {
        var copied = new CopyGroupCopied([.. Enumerable.Repeat(9_999L, 500)], [.. Enumerable.Repeat(1L << 30, 500)],
            [.. Enumerable.Repeat(12_345L, 500)], [], []);

        Assert.InRange(JsonSerializer.SerializeToUtf8Bytes(copied).Length, 1, 40 * 500);
    }

    private static List<TableWork> Tables(int count, long rows) =>
        [.. Enumerable.Range(1, count).Select(i => new TableWork("db", $"t{i:D5}", rows, rows * 100, HasKey: true))];
}
