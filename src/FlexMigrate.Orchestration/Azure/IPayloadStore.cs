using System.Collections.Concurrent;
using FlexMigrate.Azure.Storage;

namespace FlexMigrate.Orchestration.Azure;

/// <summary>
/// Where large orchestration payloads go so that durable history carries a ~200-byte <see cref="PayloadReference"/>
/// instead (a table list of thousands of tables). The Functions app stores them in Blob Storage
/// (<see cref="BlobPayloadStore"/>); the CLI keeps them in memory (<see cref="InMemoryPayloadStore"/>, its engine is
/// in-process too). Hosts that register none keep payloads inline.
/// </summary>
public interface IPayloadStore
{
    /// <summary>
    /// Above this many bytes of JSON a payload that every chunk step would repeat (a table's copy spec) travels by
    /// reference: below it the value is smaller than the ~250-byte reference itself.
    /// </summary>
    public const int DefaultInlineBytesLimit = 1024;

    /// <summary>Above this many tables a plan's table list travels by reference (default 500).</summary>
    int InlineTableLimit { get; }

    /// <summary>Above this many bytes a per-table payload repeated in every chunk step travels by reference (default 1 KB).</summary>
    int InlineBytesLimit => DefaultInlineBytesLimit;

    /// <summary>Stores <paramref name="value"/>; idempotent: an equal value gives an equal reference.</summary>
    Task<PayloadReference> PutAsync<T>(string migrationId, string name, T value, CancellationToken cancellationToken = default);

    /// <summary>Reads a stored payload back.</summary>
    Task<T> GetAsync<T>(PayloadReference reference, CancellationToken cancellationToken = default);
}

/// <summary>
/// Payloads in the migration's Blob Storage folder ("{id}/payloads/"), content-addressed and hash-checked. Reads are
/// cached by blob name (the name holds the content's hash, so a cached value can never be stale): a table's copy spec
/// is downloaded once per worker, not once per chunk.
/// </summary>
public sealed class BlobPayloadStore(MigrationArtifactStore store, int inlineTableLimit = BlobPayloadStore.DefaultInlineTableLimit) : IPayloadStore
{
    /// <summary>
    /// 500 table entries are ~50 KB of JSON: the Azure Storage durable backend moves any message above 45 KB to a blob
    /// on its own and keeps history rows under 1 MB only by splitting; pages of this size stay small messages.
    /// </summary>
    public const int DefaultInlineTableLimit = 500;

    /// <summary>Payloads kept after a read; a migration copies at most a few hundred tables at once.</summary>
    private const int CachedPayloads = 1024;

    private readonly ConcurrentDictionary<string, Task<object?>> cache = new(StringComparer.Ordinal);

    public int InlineTableLimit { get; } = inlineTableLimit;

    public Task<PayloadReference> PutAsync<T>(string migrationId, string name, T value, CancellationToken cancellationToken = default) =>
        store.PutPayloadAsync(migrationId, name, value, cancellationToken);

    public async Task<T> GetAsync<T>(PayloadReference reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (cache.Count >= CachedPayloads)
        {
            cache.Clear();
        }

        var key = $"{typeof(T).FullName}|{reference.BlobName}";
        var read = cache.GetOrAdd(key, _ => ReadAsync<T>(reference));
        try
        {
            return (T)(await read.WaitAsync(cancellationToken))!;
        }
        catch (Exception) when (read.IsFaulted)
        {
            // A failed read is not remembered: the next attempt (an activity retry) downloads again.
            cache.TryRemove(KeyValuePair.Create(key, read));
            throw;
        }
    }

    private async Task<object?> ReadAsync<T>(PayloadReference reference) =>
        await store.GetPayloadAsync<T>(reference, CancellationToken.None);
}
