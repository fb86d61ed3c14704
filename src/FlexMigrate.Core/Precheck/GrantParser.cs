using FlexMigrate.Core.Accounts;

namespace FlexMigrate.Core.Precheck;

/// <summary>
/// The precheck's view of SHOW GRANTS lines (MySQL 5.6-8.x, MariaDB 10.x/11.x): which privileges hold where, and role
/// memberships. The lines are read by <see cref="ShowGrantsParser"/>, the one reader of SHOW GRANTS that account
/// migration uses too; here column privileges are left out (a column grant never covers a whole table), and PROXY,
/// SET DEFAULT ROLE and partial-revoke lines return null. Privilege names are folded by
/// <see cref="PrivilegeCatalog.Canonical"/> (MariaDB's BINLOG MONITOR is REPLICATION CLIENT, ALL is ALL PRIVILEGES).
/// </summary>
internal static class GrantParser
{
    /// <exception cref="FormatException">A GRANT line that cannot be read (the message never quotes a hash).</exception>
    public static Grant? Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (!line.TrimStart().StartsWith("GRANT ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var parsed = ShowGrantsParser.Parse(line);
        return parsed.Kind switch
        {
            GrantLineKind.Roles => new Grant(GrantScope.Role, new HashSet<string>(), null, null,
                parsed.Roles.Select(r => r.Role.Host.Length == 0 ? r.Role.User : $"{r.Role.User}@{r.Role.Host}").ToList()),
            GrantLineKind.Privileges => Object(parsed.Grant!),
            _ => null,
        };
    }

    /// <summary>Parses every line, skipping non-GRANT lines.</summary>
    public static IReadOnlyList<Grant> ParseAll(IEnumerable<string> lines) =>
        lines.Select(Parse).OfType<Grant>().ToList();

    private static Grant Object(PrivilegeGrant grant)
    {
        var privileges = new HashSet<string>(grant.Privileges, StringComparer.Ordinal);
        return grant.On.Level switch
        {
            GrantLevel.Global => new Grant(GrantScope.Global, privileges, null, null, []),
            GrantLevel.Database => new Grant(GrantScope.Database, privileges, grant.On.Database, null, []),
            GrantLevel.Table => new Grant(GrantScope.Table, privileges, grant.On.Database, grant.On.Name, []),
            _ => new Grant(GrantScope.Routine, privileges, grant.On.Database, grant.On.Name, []),
        };
    }
}
