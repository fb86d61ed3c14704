namespace FlexMigrate.Core.Precheck.Rules.Connectivity;

/// <summary>
/// connectivity.versions (info), connectivity.version-downgrade (error: target series older than the source; warning:
/// older patch release), connectivity.mariadb-to-mysql and connectivity.mysql-to-mariadb (warnings: cross-flavor).
/// </summary>
internal sealed class VersionRule : FactRule
{
    public override PrecheckGroup Group => PrecheckGroup.Connectivity;

    protected override IEnumerable<PrecheckFinding> Evaluate(PrecheckContext context)
    {
        var s = context.SourceFacts.Version;
        var t = context.TargetFacts.Version;
        yield return new PrecheckFinding("connectivity.versions", PrecheckSeverity.Info, "servers",
            $"Source {s} ('{s.Text}'), target {t} ('{t.Text}').", "Rules below depend on both versions.", "None needed.");
        if (s.IsMariaDb && !t.IsMariaDb)
        {
            yield return new PrecheckFinding("connectivity.mariadb-to-mysql", PrecheckSeverity.Warning, "servers",
                $"Migrating from {s} to {t}.",
                "MariaDB and MySQL diverged after 5.5: MariaDB's JSON is LONGTEXT and arrives as text, sequences, " +
                "system-versioned tables, INET6/UUID types and uca1400 collations do not exist in MySQL (see compat.* findings), " +
                "and MariaDB-only SQL in views and routines fails to load.",
                "Review the compat.* findings; test the application against the target before cutover.");
        }
        else if (!s.IsMariaDb && t.IsMariaDb)
        {
            yield return new PrecheckFinding("connectivity.mysql-to-mariadb", PrecheckSeverity.Warning, "servers",
                $"Migrating from {s} to {t}.",
                "MariaDB lacks MySQL 8 features such as utf8mb4_0900 collations, binary JSON and some functions.",
                "Review the compat.* findings; Azure Database for MySQL Flexible Server runs MySQL, not MariaDB.");
        }
        else if ((t.Major, t.Minor) != (s.Major, s.Minor) && t.CompareTo(s) < 0)
        {
            yield return new PrecheckFinding("connectivity.version-downgrade", PrecheckSeverity.Error, "servers",
                $"The target ({t}) is an older release series than the source ({s}).",
                "Objects and data types of the newer series (collations, JSON functions, syntax) do not load on an older one.",
                $"Create the target with version {s.Series} or later (Azure: az mysql flexible-server create --version {s.Series}, or upgrade the server).");
        }
        else if (t.CompareTo(s) < 0)
        {
            yield return new PrecheckFinding("connectivity.version-downgrade", PrecheckSeverity.Warning, "servers",
                $"The target ({t}) is an older patch release than the source ({s}).",
                "Collations and features added in later patch releases of the same series may be missing.",
                "Upgrade the target to the source's patch level or later if a compat.* finding names a missing feature.");
        }
    }
}
