using System.Text.Json.Serialization;
using FlexMigrate.Core.Sql;

namespace FlexMigrate.Core.Metadata;

/// <summary>
/// The session settings a stored object was created with; the server stores them with the object and re-applies
/// them when it runs, so the object must be re-created under the same ones (as mysqldump does).
/// </summary>
/// <param name="SqlMode">sql_mode at creation (null for views, which do not store one).</param>
/// <param name="CharacterSetClient">character_set_client at creation: the character set of the definition's bytes.</param>
/// <param name="CollationConnection">collation_connection at creation: character set and collation of its string literals.</param>
/// <param name="DatabaseCollation">The database's collation at creation (null for views).</param>
public sealed record StoredObjectContext(
    string? SqlMode, string CharacterSetClient, string CollationConnection, string? DatabaseCollation)
{
    /// <summary>The character set the definition's bytes are in.</summary>
    [JsonIgnore]
    public SqlCharset Charset => SqlCharset.Of(CharacterSetClient);

    /// <summary>
    /// The session to re-create the object in. A view stores no sql_mode: its SHOW CREATE text is printed for the
    /// reading session's mode (the schema mode), so it is replayed under that one (null).
    /// </summary>
    public SessionState Session(string? timeZone = null) => new()
    {
        SqlMode = SqlMode,
        CharacterSetClient = CharacterSetClient,
        CollationConnection = CollationConnection,
        TimeZone = timeZone,
    };
}
