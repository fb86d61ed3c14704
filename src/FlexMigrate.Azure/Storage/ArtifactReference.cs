namespace FlexMigrate.Azure.Storage;

/// <summary>Where an artifact was stored and which version: for the migration status API's links and the report.</summary>
/// <param name="BlobName">Path inside the container: "{migrationId}/{file name}".</param>
/// <param name="Uri">The blob's URL (no SAS: readers authenticate with their own Entra identity).</param>
/// <param name="ETag">The version written; a later write of different content changes it.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the content, also kept in the blob's metadata.</param>
public sealed record ArtifactReference(
    string MigrationId, ArtifactKind Kind, string BlobName, string Uri, string ETag, long Length, string Sha256);
