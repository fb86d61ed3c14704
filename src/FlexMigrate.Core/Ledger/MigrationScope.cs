namespace FlexMigrate.Core.Ledger;

/// <summary>What a migration covers and the options that shape its result, as the host states them.</summary>
/// <param name="Mode">"offline" or "online".</param>
/// <param name="Databases">Databases migrated.</param>
/// <param name="Tables">Only these tables (db.table); empty means all.</param>
/// <param name="ExcludeTables">Tables left out.</param>
/// <param name="Options">Other result-shaping options by command-line name (e.g. "--keep-engines" = "true").</param>
public sealed record MigrationScope(
    string Mode,
    IReadOnlyList<string> Databases,
    IReadOnlyList<string> Tables,
    IReadOnlyList<string> ExcludeTables,
    IReadOnlyDictionary<string, string> Options)
{
    /// <summary>
    /// Every way <paramref name="now"/> differs from this recorded scope, one sentence each naming the option and
    /// both values; list order does not matter (a,b is b,a).
    /// </summary>
    public IReadOnlyList<string> DifferencesFrom(MigrationScope now)
    {
        ArgumentNullException.ThrowIfNull(now);
        var differences = new List<string>();
        if (!string.Equals(Mode, now.Mode, StringComparison.Ordinal))
        {
            differences.Add($"--mode: recorded {Mode}, now {now.Mode}");
        }

        CompareList("--databases", Databases, now.Databases, differences);
        CompareList("--tables", Tables, now.Tables, differences);
        CompareList("--exclude-tables", ExcludeTables, now.ExcludeTables, differences);
        foreach (var name in Options.Keys.Union(now.Options.Keys).Order(StringComparer.Ordinal))
        {
            var recorded = Options.GetValueOrDefault(name);
            var current = now.Options.GetValueOrDefault(name);
            if (!string.Equals(recorded, current, StringComparison.Ordinal))
            {
                differences.Add($"{name}: recorded {recorded ?? "(not set)"}, now {current ?? "(not set)"}");
            }
        }

        return differences;
    }

    private static void CompareList(string option, IReadOnlyList<string> recorded, IReadOnlyList<string> now, List<string> differences)
    {
        if (!recorded.Order(StringComparer.Ordinal).SequenceEqual(now.Order(StringComparer.Ordinal), StringComparer.Ordinal))
        {
            differences.Add($"{option}: recorded {Show(recorded)}, now {Show(now)}");
        }
    }

    private static string Show(IReadOnlyList<string> names) => names.Count == 0 ? "(none)" : string.Join(",", names);
}
