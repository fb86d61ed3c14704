namespace FlexMigrate.Core.Ledger;

/// <summary>What a migration covers and the options that shape its result, as the host states them.</summary>
/// <param name="Mode">"offline" or "online".</param>
/// <param name="Databases">Databases migrated.</param>
/// <param name="Tables">Only these tables (db.table); empty means all.</param>
/// <param name="ExcludeTables">Tables left out.</param>
/// <param name="Options">Result-shaping options by command-line name.</param>
public sealed record MigrationScope(
    string Mode,
    IReadOnlyList<string> Databases,
    IReadOnlyList<string> Tables,
    IReadOnlyList<string> ExcludeTables,
    IReadOnlyDictionary<string, string> Options);
