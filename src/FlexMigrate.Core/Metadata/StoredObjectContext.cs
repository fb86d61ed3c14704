namespace FlexMigrate.Core.Metadata;

/// <summary>
/// The session settings a stored object was created with; the server stores them with the object and re-applies
/// them when it runs, so the object must be re-created under the same ones (as mysqldump does).
/// </summary>
/// <param name="SqlMode">sql_mode at creation (null for views, which do not store one).</param>
/// <param name="CharacterSetClient">character_set_client at creation.</param>
/// <param name="CollationConnection">collation_connection at creation.</param>
/// <param name="DatabaseCollation">The database's collation at creation (null for views).</param>
public sealed record StoredObjectContext(
    string? SqlMode, string CharacterSetClient, string CollationConnection, string? DatabaseCollation);
