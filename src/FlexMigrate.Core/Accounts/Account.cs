using System.Collections.Immutable;

namespace FlexMigrate.Core.Accounts;

/// <summary>
/// Everything that makes an account work the same on another server: how it logs in (plugins and hashes), TLS,
/// limits, lock and password rules, its privileges, roles, default roles and proxy grants. Read from one server and
/// written to another by <see cref="AccountMigrator"/>; it holds password hashes, so it never leaves the activity or
/// command that read it (<see cref="ToString"/> names the account only).
/// </summary>
public sealed record Account(AccountName Name, bool IsRole)
{
    /// <summary>Login methods in order (MariaDB 10.4+ allows several: IDENTIFIED VIA a OR b); empty: no password.</summary>
    public ImmutableList<AccountCredential> Credentials { get; init; } = [];

    public TlsRequirement Tls { get; init; } = TlsRequirement.None;

    public ResourceLimits Limits { get; init; } = ResourceLimits.None;

    public PasswordPolicy Password { get; init; } = PasswordPolicy.Default;

    /// <summary>ACCOUNT LOCK.</summary>
    public bool Locked { get; init; }

    /// <summary>Privileges per object (USAGE-only objects are not listed).</summary>
    public ImmutableList<PrivilegeGrant> Grants { get; init; } = [];

    /// <summary>MySQL 8 partial revokes (REVOKE ... ON db.* under partial_revokes=ON).</summary>
    public ImmutableList<PrivilegeGrant> PartialRevokes { get; init; } = [];

    public ImmutableList<RoleGrant> Roles { get; init; } = [];

    /// <summary>Roles active at login (MariaDB: at most one).</summary>
    public ImmutableList<AccountName> DefaultRoles { get; init; } = [];

    public ImmutableList<ProxyGrant> Proxies { get; init; } = [];

    /// <summary>MySQL 8.0.21+ COMMENT/ATTRIBUTE metadata (JSON); null when none.</summary>
    public string? Attributes { get; init; }

    /// <summary>A MySQL 8.0.14+ secondary password (RETAIN CURRENT PASSWORD) is set; it is not carried.</summary>
    public bool HasSecondaryPassword { get; init; }

    public override string ToString() => (IsRole ? "role " : "account ") + Name;
}
