using System.Security.Cryptography;
using System.Text.Json;
using FlexMigrate.Orchestration.Azure;

namespace FlexMigrate.Tests.Orchestration;

/// <summary>
/// The CLI's payload store holds what a 10,000-table migration stores (table list, schema catalogs, reports) for the
/// process's life: it must hold them compressed, without ever allocating a buffer of a payload's size (the shared
/// array pool keeps every large array lent in the lending thread's cache, ~300 MB at 10,000 tables online), and let
/// go of a value read once a newer one took its place (issue 20).
/// </summary>
public class InMemoryPayloadStoreTests
{
    /// <summary>~15 MB of JSON, about a 10,000-table catalog's size: 140,000 table entries with their names.</summary>
    private static List<Entry> LargeList(string database) =>
        [.. Enumerable.Range(1, 140_000).Select(i => new Entry(database, $"tenant_{i:D6}_orders_archive", i, 16_384L * i, HasKey: i % 7 != 0))];

    [Fact]
    public async Task A_stored_payload_is_addressed_by_its_json_and_read_back_equal()
    {
        var store = new InMemoryPayloadStore();
        var tables = LargeList("db1");
        var json = JsonSerializer.SerializeToUtf8Bytes(tables);

        var reference = await store.PutAsync("m1", "tables", tables);

        // The same address the blob store gives the same content: name, length and hash of the JSON.
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(json));
        Assert.Equal(sha256, reference.Sha256);
        Assert.Equal(json.Length, reference.Length);
        Assert.Equal($"m1/payloads/tables-{sha256[..16]}.json", reference.BlobName);
        Assert.Equal(tables, await store.GetAsync<List<Entry>>(reference));
        Assert.Equal(reference, await store.PutAsync("m1", "tables", LargeList("db1")));
    }

    [Fact]
    public async Task Large_payloads_are_held_compressed_and_stored_without_a_buffer_of_their_size()
    {
        var store = new InMemoryPayloadStore();
        var first = LargeList("db1");
        var second = LargeList("db2");
        var jsonBytes = JsonSerializer.SerializeToUtf8Bytes(first).Length;

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var a = await store.PutAsync("m1", "schema-catalog", first);
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        var b = await store.PutAsync("m1", "schema-catalog-caught-up", second);

        Assert.True(jsonBytes > 10_000_000, $"{jsonBytes} bytes of JSON");
        // Held: the compressed JSON (the old store held the JSON itself, 100%).
        Assert.True(store.HeldBytes < (a.Length + b.Length) / 5, $"{store.HeldBytes} bytes held for {a.Length + b.Length} bytes of JSON");
        // Storing allocates the compressed copy and its stream's growth, not the JSON's size (the old store allocated more
        // than the JSON's size: the serializer's pooled buffers, which the pool then keeps, and the array it returned).
        Assert.True(allocated < jsonBytes / 2, $"{allocated} bytes allocated to store {jsonBytes} bytes of JSON");
    }

    [Fact]
    public async Task A_value_read_is_let_go_once_newer_ones_exceed_the_kept_bytes()
    {
        var store = new InMemoryPayloadStore();
        var plan = await store.PutAsync("m1", "schema-catalog", LargeList("db1"));
        var caughtUp = await store.PutAsync("m1", "schema-catalog-caught-up", LargeList("db2"));
        var page = await store.PutAsync("m1", "tables", LargeList("db3"));
        Assert.True(plan.Length > InMemoryPayloadStore.KeptJsonBytes / 2, $"{plan.Length} bytes of JSON per payload");

        var first = await store.GetAsync<List<Entry>>(plan);
        Assert.Same(first, await store.GetAsync<List<Entry>>(plan));
        await store.GetAsync<List<Entry>>(caughtUp);
        // The two most recently read are kept whatever their size (a catalog and the table list read in turns).
        Assert.Same(first, await store.GetAsync<List<Entry>>(plan));
        await store.GetAsync<List<Entry>>(caughtUp);
        await store.GetAsync<List<Entry>>(page);

        // Three values over the kept bytes: the least recently read (the plan's catalog) is let go, and read again when asked.
        Assert.True(store.KeptValueJsonBytes <= caughtUp.Length + page.Length, $"{store.KeptValueJsonBytes} JSON bytes of values kept");
        var again = await store.GetAsync<List<Entry>>(plan);
        Assert.NotSame(first, again);
        Assert.Equal(first, again);
    }

    /// <summary>A table entry without computed properties: what is allocated is the store's doing.</summary>
    private sealed record Entry(string Database, string Table, long Rows, long Bytes, bool HasKey);
}
