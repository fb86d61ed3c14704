using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace FlexMigrate.Azure.Storage;

/// <summary>
/// Writes a blob so that repeating the write is harmless. The content's SHA-256 goes into the blob's metadata; a write
/// whose content is already there sends nothing. Otherwise the upload is conditional: If-None-Match: * when the blob did
/// not exist, If-Match: its ETag when it did; a 409/412 means another attempt (often our own retried request whose
/// response was lost) wrote first, so the blob is read again and compared. A blob upload commits atomically, so readers
/// see the old or the new content, never a mix.
/// Conditional headers: https://learn.microsoft.com/rest/api/storageservices/specifying-conditional-headers-for-blob-service-operations
/// </summary>
internal static class IdempotentBlobWriter
{
    public const string HashMetadataKey = "sha256";
    private const int MaxAttempts = 5;

    public static async Task<BlobVersion> WriteAsync(
        BlobClient blob, BinaryData content, string contentType, CancellationToken cancellationToken)
    {
        var sha256 = Hash(content);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var existing = await ReadPropertiesAsync(blob, cancellationToken);
            if (existing is not null && existing.Metadata.TryGetValue(HashMetadataKey, out var stored) && stored == sha256)
            {
                return new BlobVersion(existing.ETag.ToString(), existing.ContentLength, sha256);
            }

            var options = new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
                Metadata = new Dictionary<string, string> { [HashMetadataKey] = sha256 },
                Conditions = existing is null ? new BlobRequestConditions { IfNoneMatch = ETag.All } : new BlobRequestConditions { IfMatch = existing.ETag },
            };
            try
            {
                var info = await blob.UploadAsync(content, options, cancellationToken);
                return new BlobVersion(info.Value.ETag.ToString(), content.ToMemory().Length, sha256);
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Someone wrote between our read and our write (or our own earlier attempt did): look again.
            }
        }

        throw new InvalidOperationException(
            $"Blob {blob.BlobContainerName}/{blob.Name} kept changing under concurrent writers ({MaxAttempts} attempts); " +
            "two activities of the same migration are writing it at once. Check that only one orchestration instance runs per migration id.");
    }

    /// <summary>Reads a blob and checks its content against <paramref name="expectedSha256"/> (or its metadata when null).</summary>
    /// <returns>The content, or null when the blob does not exist.</returns>
    /// <exception cref="InvalidDataException">The content does not match its hash.</exception>
    public static async Task<BinaryData?> ReadAsync(BlobClient blob, string? expectedSha256, CancellationToken cancellationToken)
    {
        BlobDownloadResult result;
        try
        {
            result = (await blob.DownloadContentAsync(cancellationToken)).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }

        var expected = expectedSha256 ?? (result.Details.Metadata.TryGetValue(HashMetadataKey, out var stored) ? stored : null);
        var actual = Hash(result.Content);
        if (expected is not null && expected != actual)
        {
            throw new InvalidDataException(
                $"Blob {blob.BlobContainerName}/{blob.Name} is corrupt or was changed outside FlexMigrate: its SHA-256 is {actual}, " +
                $"expected {expected}. Rerun the step that writes it (or delete the blob).");
        }

        return result.Content;
    }

    public static string Hash(BinaryData content) => Convert.ToHexStringLower(SHA256.HashData(content.ToMemory().Span));

    private static async Task<BlobProperties?> ReadPropertiesAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            return (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }
}
