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
    /// <summary>Above this many tables a plan's table list travels by reference (default 500).</summary>
    int InlineTableLimit { get; }

    /// <summary>Stores <paramref name="value"/>; idempotent: an equal value gives an equal reference.</summary>
    Task<PayloadReference> PutAsync<T>(string migrationId, string name, T value, CancellationToken cancellationToken = default);

    /// <summary>Reads a stored payload back.</summary>
    Task<T> GetAsync<T>(PayloadReference reference, CancellationToken cancellationToken = default);
}

/// <summary>Payloads in the migration's Blob Storage folder ("{id}/payloads/"), content-addressed and hash-checked.</summary>
public sealed class BlobPayloadStore(MigrationArtifactStore store, int inlineTableLimit = BlobPayloadStore.DefaultInlineTableLimit) : IPayloadStore
{
    /// <summary>
    /// 500 table entries are ~50 KB of JSON: the Azure Storage durable backend moves any message above 45 KB to a blob
    /// on its own and keeps history rows under 1 MB only by splitting; pages of this size stay small messages.
    /// </summary>
    public const int DefaultInlineTableLimit = 500;

    public int InlineTableLimit { get; } = inlineTableLimit;

    public Task<PayloadReference> PutAsync<T>(string migrationId, string name, T value, CancellationToken cancellationToken = default) =>
        store.PutPayloadAsync(migrationId, name, value, cancellationToken);

    public Task<T> GetAsync<T>(PayloadReference reference, CancellationToken cancellationToken = default) =>
        store.GetPayloadAsync<T>(reference, cancellationToken);
}
