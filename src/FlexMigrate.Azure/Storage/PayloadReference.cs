namespace FlexMigrate.Azure.Storage;

/// <summary>
/// A large orchestration payload (e.g. a table list of thousands of tables) stored in Blob Storage, passed through
/// durable history instead of the payload itself. Content-addressed: the blob name contains the content's hash, so the
/// reference always denotes the same bytes, and replaying an orchestration reads what the first run read.
/// </summary>
/// <param name="BlobName">Path inside the container: "{migrationId}/payloads/{name}-{hash prefix}.json".</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the stored JSON; checked on every read.</param>
public sealed record PayloadReference(string MigrationId, string Name, string BlobName, long Length, string Sha256);
