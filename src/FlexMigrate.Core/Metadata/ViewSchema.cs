using System.Text.Json.Serialization;
using FlexMigrate.Core.Schema;

namespace FlexMigrate.Core.Metadata;

/// <summary>One view.</summary>
/// <param name="Name">Database and view.</param>
/// <param name="Definer">user@host as the server reports it.</param>
/// <param name="SecurityType">DEFINER or INVOKER.</param>
/// <param name="CheckOption">NONE, LOCAL or CASCADED.</param>
/// <param name="Definition">SHOW CREATE VIEW bytes, in <see cref="StoredObjectContext.CharacterSetClient"/>.</param>
/// <param name="Context">character_set_client/collation_connection it was created with.</param>
/// <param name="DependsOn">Selected views this view's definition reads from.</param>
public sealed record ViewSchema(
    ObjectName Name,
    string Definer,
    string SecurityType,
    string CheckOption,
    byte[] Definition,
    StoredObjectContext Context,
    IReadOnlyList<ObjectName> DependsOn)
{
    /// <summary>The definition read as text (for analysis and messages; the bytes are what is created).</summary>
    [JsonIgnore]
    public string CreateStatement => Context.Charset.Decode(Definition);
}
