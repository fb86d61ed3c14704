using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using FlexMigrate.Azure.Storage;

namespace FlexMigrate.Orchestration.Azure;

/// <summary>
/// Payloads kept in this process (the CLI, whose durable engine lives in the same process and ends with it), with
/// the same content addressing as <see cref="BlobPayloadStore"/>, so the orchestration takes the same path everywhere.
/// Values read are kept deserialized per type, as the blob store keeps them: the schema catalog of thousands of tables
/// is parsed once, not once per activity that looks up one table in it.
/// </summary>
public sealed class InMemoryPayloadStore(int inlineTableLimit = BlobPayloadStore.DefaultInlineTableLimit) : IPayloadStore
{
    private readonly ConcurrentDictionary<string, byte[]> payloads = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<object>> read = new(StringComparer.Ordinal);

    public int InlineTableLimit { get; } = inlineTableLimit;

    public Task<PayloadReference> PutAsync<T>(string migrationId, string name, T value, CancellationToken cancellationToken = default)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(value);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(json));
        var blobName = $"{migrationId}/payloads/{name}-{sha256[..16]}.json";
        payloads[blobName] = json;
        return Task.FromResult(new PayloadReference(migrationId, name, blobName, json.Length, sha256));
    }

    public Task<T> GetAsync<T>(PayloadReference reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (!payloads.TryGetValue(reference.BlobName, out var json))
        {
            throw new InvalidOperationException(
                $"Payload '{reference.Name}' of migration {reference.MigrationId} is not in this process's memory: an in-memory " +
                "payload lives only as long as the process that ran the migration. Start the migration again.");
        }

        // The name holds the content's hash, so a kept value can never be stale; payload records are immutable.
        var value = read.GetOrAdd($"{typeof(T).FullName}|{reference.BlobName}", _ => new Lazy<object>(() => JsonSerializer.Deserialize<T>(json)
            ?? throw new InvalidDataException($"Payload {reference.BlobName} holds JSON null.")));
        return Task.FromResult((T)value.Value);
    }
}
