using System.Text.Json.Serialization;
using FlexMigrate.Core.Schema;

namespace FlexMigrate.Core.Metadata;

/// <summary>One scheduled event.</summary>
/// <param name="Name">Database and event.</param>
/// <param name="Definer">user@host.</param>
/// <param name="TimeZone">time_zone it was created in; its schedule times are in this zone.</param>
/// <param name="Definition">SHOW CREATE EVENT bytes, in <see cref="StoredObjectContext.CharacterSetClient"/>.</param>
/// <param name="Context">sql_mode, character set and collations it was created with.</param>
public sealed record EventSchema(
    ObjectName Name, string Definer, string TimeZone, byte[] Definition, StoredObjectContext Context)
{
    /// <summary>The definition read as text (for analysis and messages; the bytes are what is created).</summary>
    [JsonIgnore]
    public string CreateStatement => Context.Charset.Decode(Definition);
}
