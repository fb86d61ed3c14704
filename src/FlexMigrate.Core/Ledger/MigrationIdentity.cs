namespace FlexMigrate.Core.Ledger;

/// <summary>
/// What makes a migration the same migration: its servers, its scope and the options that change what lands on
/// the target. A resume must match it exactly; options that only change speed (parallelism) are not part of it.
/// </summary>
/// <param name="Source">The source server.</param>
/// <param name="Target">The target server.</param>
/// <param name="Scope">Databases, tables and result-shaping options.</param>
public sealed record MigrationIdentity(ServerIdentity Source, ServerIdentity Target, MigrationScope Scope)
{
    /// <summary>
    /// Every way <paramref name="now"/> differs from this recorded identity, one sentence each naming the
    /// difference ("source server: recorded ..., now ..."); empty when a resume may go on.
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

        differences.AddRange(Scope.DifferencesFrom(now.Scope));
        return differences;
    }
}
