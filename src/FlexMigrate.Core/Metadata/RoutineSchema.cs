using System.Text.Json.Serialization;
using FlexMigrate.Core.Schema;

namespace FlexMigrate.Core.Metadata;

/// <summary>Procedure or function.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RoutineKind>))]
public enum RoutineKind
{
    Procedure,
    Function,
}

/// <summary>One stored procedure or function.</summary>
/// <param name="Name">Database and routine.</param>
/// <param name="Kind">Procedure or function.</param>
/// <param name="Definer">user@host.</param>
/// <param name="Definition">SHOW CREATE PROCEDURE/FUNCTION bytes, in <see cref="StoredObjectContext.CharacterSetClient"/>.</param>
/// <param name="Context">sql_mode, character set and collations it was created with.</param>
public sealed record RoutineSchema(
    ObjectName Name, RoutineKind Kind, string Definer, byte[] Definition, StoredObjectContext Context)
{
    /// <summary>The definition read as text (for analysis and messages; the bytes are what is created).</summary>
    [JsonIgnore]
    public string CreateStatement => Context.Charset.Decode(Definition);
}
