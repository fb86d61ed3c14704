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
/// <param name="CreateStatement">SHOW CREATE PROCEDURE/FUNCTION text.</param>
/// <param name="Context">sql_mode, character set and collations it was created with.</param>
public sealed record RoutineSchema(
    ObjectName Name, RoutineKind Kind, string Definer, string CreateStatement, StoredObjectContext Context);
