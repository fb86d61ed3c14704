namespace FlexMigrate.Azure.Storage;

/// <summary>The state of a blob after a write: its version and the content's hash.</summary>
internal sealed record BlobVersion(string ETag, long Length, string Sha256);
