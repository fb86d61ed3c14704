namespace FlexMigrate.Core.Ledger;

/// <summary>
/// What makes a migration the same migration: its servers, its scope and the options that change what lands on
/// the target. A resume must match it exactly; options that only change speed (parallelism) are not part of it.
/// </summary>
/// <param name="Source">The source server.</param>
/// <param name="Target">The target server.</param>
/// <param name="Databases">Databases migrated.</param>
/// <param name="Tables">Only these tables (db.table); empty means all.</param>
/// <param name="ExcludeTables">Tables left out (db.table).</param>
/// <param name="Options">Options that shape the result, by their command-line name (e.g. "--mode" = "online").</param>
public sealed record MigrationIdentity(
    ServerIdentity Source,
    ServerIdentity Target,
    IReadOnlyList<string> Databases,
    IReadOnlyList<string> Tables,
    IReadOnlyList<string> ExcludeTables,
    IReadOnlyDictionary<string, string> Options)
{
    /// <summary>
    /// Every way <paramref name="now"/> differs from this recorded identity, one sentence each naming the
    /// difference ("source: recorded ..., now ..."); empty when a resume may go on.
    /// </summary>
    public IReadOnlyList<string> DifferencesFrom(MigrationIdentity now)
    {
        ArgumentNullException.ThrowIfNull(now);
        var differences = new List<string>();
        if (!Source.IsSameServer(now.Source))
        {
            differences.Add($"source server: recorded {Source}, now {now.Source}");
        }

        if (!Target.IsSameServer(now.Target))
        {
            differences.Add($"target server: recorded {Target}, now {now.Target}");
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
        // Order does not matter (a,b is b,a); names compare as the user wrote them.
        if (!recorded.Order(StringComparer.Ordinal).SequenceEqual(now.Order(StringComparer.Ordinal), StringComparer.Ordinal))
        {
            differences.Add($"{option}: recorded {Show(recorded)}, now {Show(now)}");
        }
    }

    private static string Show(IReadOnlyList<string> names) => names.Count == 0 ? "(none)" : string.Join(",", names);
}
