namespace FlexMigrate.Core.Accounts;

/// <summary>What one SHOW GRANTS line says.</summary>
public enum GrantLineKind
{
    /// <summary>GRANT privileges ON object TO account.</summary>
    Privileges,

    /// <summary>GRANT PROXY ON account TO account.</summary>
    Proxy,

    /// <summary>GRANT role[, role] TO account.</summary>
    Roles,

    /// <summary>REVOKE privileges ON object FROM account (MySQL 8 partial revoke).</summary>
    PartialRevoke,

    /// <summary>SET DEFAULT ROLE role FOR account (MariaDB).</summary>
    DefaultRole,
}

/// <summary>
/// One parsed SHOW GRANTS line. Authentication, TLS and limit clauses that MariaDB and MySQL 5.6 print on the USAGE
/// line are skipped (the account's attributes are read from the grant tables, and the hash must not travel here).
/// </summary>
/// <param name="Kind">What the line grants.</param>
/// <param name="Grantee">The account the line is about (after TO / FROM / FOR).</param>
/// <param name="Grant">Privileges (and column privileges) on one object, for <see cref="GrantLineKind.Privileges"/> and <see cref="GrantLineKind.PartialRevoke"/>.</param>
/// <param name="Proxy">For <see cref="GrantLineKind.Proxy"/>.</param>
/// <param name="Roles">For <see cref="GrantLineKind.Roles"/> (and the one role of <see cref="GrantLineKind.DefaultRole"/>).</param>
public sealed record GrantLine(
    GrantLineKind Kind,
    AccountName Grantee,
    PrivilegeGrant? Grant,
    ProxyGrant? Proxy,
    IReadOnlyList<RoleGrant> Roles);
