namespace FlexMigrate.Core.Validation;

/// <summary>What to validate: databases, optionally only some tables, minus excluded ones.</summary>
/// <param name="Databases">Databases to validate (same names on both servers).</param>
/// <param name="Tables">Only these tables, as "table" (any listed database) or "db.table"; all when empty.</param>
/// <param name="ExcludeTables">Tables to skip, same forms as <paramref name="Tables"/>.</param>
public sealed record ValidationScope(IReadOnlyList<string> Databases, IReadOnlyList<string> Tables, IReadOnlyList<string> ExcludeTables)
{
    /// <summary>True when <paramref name="table"/> is selected by this scope.</summary>
    public bool Includes(TableRef table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return (Tables.Count == 0 || Tables.Any(p => Matches(p, table))) && !ExcludeTables.Any(p => Matches(p, table));
    }

    private static bool Matches(string pattern, TableRef table) =>
        pattern.Contains('.', StringComparison.Ordinal)
            ? string.Equals(pattern, $"{table.Database}.{table.Table}", StringComparison.Ordinal)
            : string.Equals(pattern, table.Table, StringComparison.Ordinal);
}
