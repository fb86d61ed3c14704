using FlexMigrate.Core.Schema;

namespace FlexMigrate.Core.Metadata;

/// <summary>One scheduled event.</summary>
/// <param name="Name">Database and event.</param>
/// <param name="Definer">user@host.</param>
/// <param name="TimeZone">time_zone it was created in; its schedule times are in this zone.</param>
/// <param name="CreateStatement">SHOW CREATE EVENT text.</param>
/// <param name="Context">sql_mode, character set and collations it was created with.</param>
public sealed record EventSchema(
    ObjectName Name, string Definer, string TimeZone, string CreateStatement, StoredObjectContext Context);
