using FlexMigrate.Core.Schema;

namespace FlexMigrate.Core.Metadata;

/// <summary>One trigger.</summary>
/// <param name="Name">Database and trigger.</param>
/// <param name="Table">The table it belongs to (same database).</param>
/// <param name="ActionOrder">Firing order among the table's triggers with the same timing and event.</param>
/// <param name="Definer">user@host.</param>
/// <param name="CreateStatement">SHOW CREATE TRIGGER text ("SQL Original Statement").</param>
/// <param name="Context">sql_mode, character set and collations it was created with.</param>
public sealed record TriggerSchema(
    ObjectName Name, string Table, long ActionOrder, string Definer, string CreateStatement, StoredObjectContext Context);
