using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace FlexMigrate.Azure.Storage;

/// <summary>
/// Per-migration artifacts and large orchestration payloads in one Blob Storage container:
/// <code>
/// {container}/{migrationId}/precheck-report.json
///                          /schema-snapshot.sql
///                          /migration-report.json
///                          /validation-report.json
///                          /payloads/{name}-{hash prefix}.json
/// </code>
/// Every write is idempotent (see <see cref="IdempotentBlobWriter"/>), so a retried activity neither duplicates nor
/// corrupts an artifact, and every read checks the content's SHA-256. Thread-safe; register one per process.
/// </summary>
public sealed partial class MigrationArtifactStore
{
    /// <summary>The container used when none is named (created on first write if missing).</summary>
    public const string DefaultContainer = "flexmigrate";

    private const string PayloadFolder = "payloads";

    // Payloads are internal data: compact JSON with the serializer's defaults, identical on every write of equal values.
    private static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.General);

    private readonly BlobContainerClient container;
    private volatile bool containerExists;

    public MigrationArtifactStore(BlobContainerClient container)
    {
        ArgumentNullException.ThrowIfNull(container);
        this.container = container;
    }

    /// <summary>A store from a connection string (local development, Azurite).</summary>
    public static MigrationArtifactStore FromConnectionString(string connectionString, string containerName = DefaultContainer) =>
        new(new BlobContainerClient(connectionString, containerName));

    /// <summary>A store reached with an Entra identity (the Function App's managed identity needs Storage Blob Data Contributor).</summary>
    public static MigrationArtifactStore FromServiceUri(Uri blobServiceUri, TokenCredential credential, string containerName = DefaultContainer) =>
        new(new BlobServiceClient(blobServiceUri, credential).GetBlobContainerClient(containerName));

    /// <summary>The production store: the app settings FlexMigrate__Artifacts__BlobServiceUri/Container that infra/main.bicep sets,
    /// reached with <see cref="DefaultAzureCredential"/> (the app's managed identity).</summary>
    public static MigrationArtifactStore FromServiceUri(Uri blobServiceUri, string containerName = DefaultContainer) =>
        FromServiceUri(blobServiceUri, new DefaultAzureCredential(), containerName);

    /// <summary>Stores an artifact's text (UTF-8). Writing the same text again changes nothing (same ETag).</summary>
    public async Task<ArtifactReference> PutArtifactAsync(
        string migrationId, ArtifactKind kind, string content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var blob = container.GetBlobClient(ArtifactBlobName(migrationId, kind));
        await EnsureContainerAsync(cancellationToken);
        var version = await IdempotentBlobWriter.WriteAsync(blob, BinaryData.FromString(content), kind.ContentType(), cancellationToken);
        return new ArtifactReference(migrationId, kind, blob.Name, blob.Uri.ToString(), version.ETag, version.Length, version.Sha256);
    }

    /// <summary>An artifact's text, or null when it was not written (yet).</summary>
    /// <exception cref="InvalidDataException">The stored content does not match its recorded hash.</exception>
    public async Task<string?> GetArtifactAsync(string migrationId, ArtifactKind kind, CancellationToken cancellationToken = default)
    {
        var content = await IdempotentBlobWriter.ReadAsync(
            container.GetBlobClient(ArtifactBlobName(migrationId, kind)), expectedSha256: null, cancellationToken);
        return content?.ToString();
    }

    /// <summary>The artifacts stored for a migration, in <see cref="ArtifactKind"/> order (payloads are not listed).</summary>
    public async Task<IReadOnlyList<ArtifactReference>> ListArtifactsAsync(string migrationId, CancellationToken cancellationToken = default)
    {
        var prefix = Folder(migrationId);
        var found = new List<ArtifactReference>();
        await foreach (var item in container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix, Traits = BlobTraits.Metadata }, cancellationToken))
        {
            if (ArtifactKinds.FromFileName(item.Name[prefix.Length..]) is { } kind)
            {
                found.Add(new ArtifactReference(migrationId, kind, item.Name, container.GetBlobClient(item.Name).Uri.ToString(),
                    item.Properties.ETag?.ToString() ?? string.Empty, item.Properties.ContentLength ?? 0,
                    item.Metadata.TryGetValue(IdempotentBlobWriter.HashMetadataKey, out var hash) ? hash : string.Empty));
            }
        }

        return [.. found.OrderBy(a => a.Kind)];
    }

    /// <summary>Stores a payload as JSON and returns a small reference to pass through durable history instead.
    /// Idempotent: an equal value yields the same reference and no second upload.</summary>
    /// <param name="name">What the payload is, e.g. "tables" (letters, digits, '-', '_', '.').</param>
    public async Task<PayloadReference> PutPayloadAsync<T>(
        string migrationId, string name, T value, CancellationToken cancellationToken = default)
    {
        ValidateSegment(name, nameof(name));
        var content = BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(value, PayloadJson));
        var sha256 = IdempotentBlobWriter.Hash(content);
        var blob = container.GetBlobClient($"{Folder(migrationId)}{PayloadFolder}/{name}-{sha256[..16]}.json");
        await EnsureContainerAsync(cancellationToken);
        var version = await IdempotentBlobWriter.WriteAsync(blob, content, "application/json", cancellationToken);
        return new PayloadReference(migrationId, name, blob.Name, version.Length, version.Sha256);
    }

    /// <summary>Reads a payload back.</summary>
    /// <exception cref="InvalidOperationException">The payload blob is gone (deleted migration folder?).</exception>
    /// <exception cref="InvalidDataException">The stored content does not match the reference's hash.</exception>
    public async Task<T> GetPayloadAsync<T>(PayloadReference reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var blob = container.GetBlobClient(reference.BlobName);
        var content = await IdempotentBlobWriter.ReadAsync(blob, reference.Sha256, cancellationToken)
            ?? throw new InvalidOperationException(
                $"Payload '{reference.Name}' of migration {reference.MigrationId} is missing: blob {container.Name}/{reference.BlobName} " +
                "does not exist. Was the migration's folder deleted while it ran? Start the migration again.");
        return content.ToObjectFromJson<T>(PayloadJson)
            ?? throw new InvalidDataException($"Payload blob {container.Name}/{reference.BlobName} holds JSON null.");
    }

    /// <summary>Deletes every blob of a migration (clean-up); returns how many were deleted.</summary>
    public async Task<int> DeleteMigrationAsync(string migrationId, CancellationToken cancellationToken = default)
    {
        var deleted = 0;
        await foreach (var item in container.GetBlobsAsync(new GetBlobsOptions { Prefix = Folder(migrationId) }, cancellationToken))
        {
            if ((await container.DeleteBlobIfExistsAsync(item.Name, cancellationToken: cancellationToken)).Value)
            {
                deleted++;
            }
        }

        return deleted;
    }

    // Create-if-missing once per store; a failed attempt is not remembered, so a transient error does not stick.
    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (!containerExists)
        {
            await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            containerExists = true;
        }
    }

    private static string ArtifactBlobName(string migrationId, ArtifactKind kind) => Folder(migrationId) + kind.FileName();

    private static string Folder(string migrationId)
    {
        ValidateSegment(migrationId, nameof(migrationId));
        return migrationId + "/";
    }

    // Ids become blob path segments: no '/', no "..", nothing a URL would need escaped.
    private static void ValidateSegment(string value, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(value, parameterName);
        if (!SafeSegment().IsMatch(value) || value.Contains("..", StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"'{value}' cannot be used as {parameterName}: use 1-128 letters, digits, '-', '_' or '.', starting with a letter or digit.",
                parameterName);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex SafeSegment();
}
