using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text.Json;
using FlexMigrate.Azure.Storage;

namespace FlexMigrate.Orchestration.Azure;

/// <summary>
/// Payloads kept in this process (the CLI, whose durable engine lives in the same process and ends with it), with
/// the same content addressing as <see cref="BlobPayloadStore"/>, so the orchestration takes the same path everywhere.
/// <para>
/// What it holds is bounded (issue 20): each payload is kept as Brotli-compressed JSON (a 10,000-table schema catalog
/// is ~19 MB of JSON, ~10x less compressed), written and read through streams, so no buffer the size of the payload is
/// ever rented: the shared array pool keeps every large array it lends in the lending thread's cache, and at 10,000
/// tables the catalogs' serialization left ~300 MB of 1-32 MB arrays there (dotnet-gcdump of an online run,
/// docs/benchmarks.md). Values read are kept deserialized, as the blob store keeps them (the schema catalog is parsed
/// once, not once per activity that looks up one table in it), but only the most recently read ones
/// (<see cref="KeptValues"/>, <see cref="KeptJsonBytes"/>): the plan's catalog is let go once the catch-up reads its own.
/// </para>
/// </summary>
public sealed class InMemoryPayloadStore(int inlineTableLimit = BlobPayloadStore.DefaultInlineTableLimit) : IPayloadStore
{
    /// <summary>Deserialized values kept at most (a migration reads a handful at once: table list, catalog, a few specs).</summary>
    public const int KeptValues = 16;

    /// <summary>
    /// JSON bytes of the deserialized values kept, beyond the two most recently read (always kept, so a catalog larger than
    /// this read alternately with the table list is not parsed again at every read): about one 10,000-table catalog.
    /// </summary>
    public const long KeptJsonBytes = 24L << 20;

    private readonly ConcurrentDictionary<string, byte[]> payloads = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, long JsonBytes, Lazy<object> Value)> recent = [];

    public int InlineTableLimit { get; } = inlineTableLimit;

    /// <summary>Bytes this store holds: the compressed payloads (what stays for the process's life).</summary>
    public long HeldBytes => payloads.Values.Sum(p => (long)p.Length);

    /// <summary>JSON bytes of the deserialized values kept now.</summary>
    public long KeptValueJsonBytes
    {
        get
        {
            lock (recent)
            {
                return recent.Sum(r => r.JsonBytes);
            }
        }
    }

    public async Task<PayloadReference> PutAsync<T>(string migrationId, string name, T value, CancellationToken cancellationToken = default)
    {
        using var compressed = new MemoryStream();
        var hashing = new HashingStream(new BrotliStream(compressed, CompressionLevel.Fastest, leaveOpen: true));
        await using (hashing)
        {
            // The asynchronous serializer writes in ~16 KB steps (the synchronous one buffers the whole document).
            await JsonSerializer.SerializeAsync(hashing, value, cancellationToken: cancellationToken);
        }

        var sha256 = hashing.Sha256;
        var blobName = $"{migrationId}/payloads/{name}-{sha256[..16]}.json";
        payloads[blobName] = compressed.ToArray();
        return new PayloadReference(migrationId, name, blobName, hashing.Length, sha256);
    }

    public Task<T> GetAsync<T>(PayloadReference reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (!payloads.TryGetValue(reference.BlobName, out var stored))
        {
            throw new InvalidOperationException(
                $"Payload '{reference.Name}' of migration {reference.MigrationId} is not in this process's memory: an in-memory " +
                "payload lives only as long as the process that ran the migration. Start the migration again.");
        }

        // The name holds the content's hash, so a kept value can never be stale; payload records are immutable.
        var value = Recent($"{typeof(T).FullName}|{reference.BlobName}", reference.Length, () =>
        {
            // Into an array of the JSON's exact size, dropped after parsing: not a pooled one the pool would keep.
            var json = GC.AllocateUninitializedArray<byte>(checked((int)reference.Length));
            using (var brotli = new BrotliStream(new MemoryStream(stored), CompressionMode.Decompress))
            {
                brotli.ReadExactly(json);
            }

            return JsonSerializer.Deserialize<T>(json) ?? throw new InvalidDataException($"Payload {reference.BlobName} holds JSON null.");
        });
        return Task.FromResult((T)value.Value);
    }

    /// <summary>The kept value of <paramref name="key"/> (read by <paramref name="read"/> once), now the most recent.</summary>
    private Lazy<object> Recent(string key, long jsonBytes, Func<object> read)
    {
        lock (recent)
        {
            for (var node = recent.First; node is not null; node = node.Next)
            {
                if (node.Value.Key == key)
                {
                    recent.Remove(node);
                    recent.AddFirst(node);
                    return node.Value.Value;
                }
            }

            var value = new Lazy<object>(read);
            recent.AddFirst((key, jsonBytes, value));
            while (recent.Count > 2 && (recent.Count > KeptValues || recent.Sum(r => r.JsonBytes) > KeptJsonBytes))
            {
                recent.RemoveLast();
            }

            return value;
        }
    }
}
