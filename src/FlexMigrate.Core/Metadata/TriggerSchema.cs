using System.Text.Json.Serialization;
using FlexMigrate.Core.Schema;

namespace FlexMigrate.Core.Metadata;

/// <summary>One trigger.</summary>
/// <param name="Name">Database and trigger.</param>
/// <param name="Table">The table it belongs to (same database).</param>
/// <param name="ActionOrder">Firing order among the table's triggers with the same timing and event.</param>
/// <param name="Definer">user@host.</param>
/// <param name="Definition">SHOW CREATE TRIGGER ("SQL Original Statement") bytes, in <see cref="StoredObjectContext.CharacterSetClient"/>.</param>
/// <param name="Context">sql_mode, character set and collations it was created with.</param>
public sealed record TriggerSchema(
    ObjectName Name, string Table, long ActionOrder, string Definer, byte[] Definition, StoredObjectContext Context)
{
    /// <summary>The definition read as text (for analysis and messages; the bytes are what is created).</summary>
    [JsonIgnore]
    public string CreateStatement => Context.Charset.Decode(Definition);
}
