using System.Collections.Immutable;
using FlexMigrate.Core.Precheck;

namespace FlexMigrate.Core.Accounts;

/// <summary>
/// Turns a source account into what the target must hold so the same applications log in and can do the same
/// things, listing every change with its reason (docs/users.md has the full list):
/// role names between flavours, login methods the target lacks, privileges the target does not have or its login may
/// not grant (Azure Flexible Server: <see cref="FlexibleServerRestrictions"/>), ALL PRIVILEGES that can only be written
/// as a list, grants on objects the target does not have, options the target's syntax lacks. Pure: the same inputs
/// give the same translation, so the precheck, the migration and the validation agree.
/// </summary>
/// <param name="source">The source's version (flavour of names and syntax).</param>
/// <param name="target">The target as read by <see cref="AccountTarget.ReadAsync"/>.</param>
/// <param name="objectAvailable">Whether a table or routine a grant names exists (or will) on the target.</param>
/// <param name="singleServerName">The Azure Single Server name when the source is one (logins were user@name).</param>
public sealed class AccountTranslator(ServerVersion source, AccountTarget target, Func<GrantObject, bool> objectAvailable, string? singleServerName = null)
{
    private readonly ServerVersion _target = target.Version;

    /// <summary>The target's name for a source account or role (MariaDB roles have no host, MySQL roles do).</summary>
    public AccountName TargetName(AccountName name, bool isRole)
    {
        if (!isRole || source.IsMariaDb == _target.IsMariaDb)
        {
            return name;
        }

        return _target.IsMariaDb ? name with { Host = "" } : name with { Host = "%" };
    }

    public TranslatedAccount Translate(Account account, Func<AccountName, bool> isRole)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(isRole);
        var notes = new List<AccountNote>();
        var name = TargetName(account.Name, account.IsRole);
        if (name != account.Name)
        {
            notes.Add(AccountNote.Info(account, "role-renamed",
                $"Written as {name}: {(_target.IsMariaDb ? "MariaDB roles have no host part" : "MySQL roles are accounts with a host part; '%' matches MariaDB's host-less role")}."));
        }

        if (name.User.Length > MaxUserLength(_target))
        {
            notes.Add(AccountNote.Error(account, "name-too-long",
                $"The user name has {name.User.Length} characters; {Flavor(_target)} {_target.Series} allows {MaxUserLength(_target)}.",
                $"Rename it on the source (RENAME USER {account.Name.Sql} TO ...) and in the applications, or leave it out of --users."));
        }

        var translated = new Account(name, account.IsRole)
        {
            Credentials = Credentials(account, notes),
            Tls = account.Tls,
            Limits = Limits(account, notes),
            Password = Password(account, notes),
            Locked = account.Locked && (!_target.IsMariaDb || _target.AtLeast(10, 4, 2)),
            Grants = [.. account.Grants.Select(g => Grant(account, g, notes)).OfType<PrivilegeGrant>()],
            PartialRevokes = PartialRevokes(account, notes),
            Roles = Roles(account, isRole, notes),
            DefaultRoles = DefaultRoles(account, isRole, notes),
            Proxies = Proxies(account, notes),
            Attributes = Attributes(account, notes),
        };
        if (singleServerName is not null && !account.IsRole)
        {
            notes.Add(AccountNote.Info(account, "single-server-login",
                $"Applications logged in to Azure Single Server as '{account.Name.User}@{singleServerName}'; on the target the login is '{account.Name.User}' (Flexible Server has no @servername suffix)."));
        }

        return new TranslatedAccount(account, translated, notes);
    }

    private ImmutableList<AccountCredential> Credentials(Account account, List<AccountNote> notes)
    {
        if (account.IsRole)
        {
            return [];
        }

        var kept = account.Credentials.Where(c => target.AuthPlugins.Contains(c.Plugin)).ToList();
        var dropped = account.Credentials.Where(c => !target.AuthPlugins.Contains(c.Plugin)).Select(c => c.Plugin).Distinct().ToList();
        if (account.Credentials.Count > 0 && kept.Count == 0)
        {
            notes.Add(AccountNote.Error(account, "plugin-unsupported",
                $"Logs in with {string.Join(" or ", dropped)}, which the target {target.Endpoint} does not have ({Flavor(_target)} authentication plugins there: {string.Join(", ", target.AuthPlugins.Order(StringComparer.Ordinal))}).",
                Remedy(account, dropped)));
            return [];
        }

        if (dropped.Count > 0)
        {
            notes.Add(AccountNote.Warning(account, "plugin-dropped",
                $"Login method {string.Join(", ", dropped)} left out (the target does not have it); the account logs in with {kept[0].Plugin} and the same password."));
        }

        // Several alternative methods (IDENTIFIED VIA a OR b) exist only in MariaDB 10.4+.
        if ((!_target.IsMariaDb || !_target.AtLeast(10, 4)) && kept.Count > 1)
        {
            notes.Add(AccountNote.Warning(account, "plugin-dropped",
                $"{Flavor(_target)} {_target.Series} allows one login method per account: kept {kept[0].Plugin}, left out {string.Join(", ", kept.Skip(1).Select(c => c.Plugin))}."));
            kept = [kept[0]];
        }

        if (kept.Any(c => c.IsEmpty && c.Plugin == AccountCredential.NativePassword))
        {
            notes.Add(AccountNote.Warning(account, "no-password", "Has no password on the source, so none on the target either.",
                "Set a password on both servers: ALTER USER ... IDENTIFIED BY '...'."));
        }

        return [.. kept];
    }

    private static string Remedy(Account account, List<string> plugins)
    {
        if (plugins is [AccountCredential.NativePassword])
        {
            // MySQL 8.4 ships mysql_native_password disabled.
            return $"Enable mysql_native_password on the target (MySQL 8.4: server parameter mysql_native_password=ON), or give {account.Name} a caching_sha2_password password (ALTER USER {account.Name.Sql} IDENTIFIED WITH caching_sha2_password BY '...'), or leave it out of --users.";
        }

        if (plugins.Contains("mysql_old_password"))
        {
            return $"Give {account.Name} a 4.1+ password hash on the source (SET old_passwords = 0; SET PASSWORD FOR {account.Name.Sql} = PASSWORD('...')), or leave it out of --users.";
        }

        return $"Give {account.Name} a password login the target supports (on the source: ALTER USER {account.Name.Sql} IDENTIFIED VIA mysql_native_password USING PASSWORD('...') on MariaDB, IDENTIFIED WITH caching_sha2_password BY '...' on MySQL), install the plugin on the target, or leave the account out of --users.";
    }

    private ResourceLimits Limits(Account account, List<AccountNote> notes)
    {
        if (account.Limits.MaxStatementTime > 0 && !_target.IsMariaDb)
        {
            notes.Add(AccountNote.Warning(account, "limit-dropped",
                $"MAX_STATEMENT_TIME {account.Limits.MaxStatementTime} s left out: MySQL has no per-account statement time limit.",
                "Set the server parameter max_execution_time, or a SET STATEMENT / optimizer hint in the application."));
            return account.Limits with { MaxStatementTime = 0 };
        }

        return account.Limits;
    }

    private PasswordPolicy Password(Account account, List<AccountNote> notes)
    {
        var policy = account.Password;
        if (_target.IsMariaDb && !_target.AtLeast(10, 4, 3) && (policy != PasswordPolicy.Default || account.Locked))
        {
            // ACCOUNT LOCK came in MariaDB 10.4.2, PASSWORD EXPIRE in 10.4.3.
            notes.Add(AccountNote.Warning(account, "password-option-dropped",
                $"Password expiry and account lock left out: MariaDB {_target.Series} does not have them.",
                "Lock or expire the account on the target by hand, or use a MariaDB 10.4+ target."));
            return PasswordPolicy.Default;
        }

        if (policy.UsesMySql8Options && (_target.IsMariaDb || !_target.AtLeast(8, 0)))
        {
            notes.Add(AccountNote.Warning(account, "password-option-dropped",
                $"PASSWORD HISTORY / REUSE INTERVAL / REQUIRE CURRENT / FAILED_LOGIN_ATTEMPTS left out: {Flavor(_target)} {_target.Series} does not have them."));
            policy = new PasswordPolicy(policy.Expired, policy.LifetimeDays);
        }

        if (policy.LifetimeDays > 0)
        {
            notes.Add(AccountNote.Info(account, "password-age",
                $"PASSWORD EXPIRE INTERVAL {policy.LifetimeDays} DAY counts from the migration on the target (a server records when a password was set, and that date cannot be carried)."));
        }

        if (account.HasSecondaryPassword)
        {
            notes.Add(AccountNote.Warning(account, "secondary-password-dropped",
                "The secondary password (RETAIN CURRENT PASSWORD) is not carried: only the primary password works on the target."));
        }

        return policy;
    }

    private PrivilegeGrant? Grant(Account account, PrivilegeGrant grant, List<AccountNote> notes)
    {
        if (target.LowerCaseNames && grant.On.Level is GrantLevel.Database or GrantLevel.Table)
        {
            // lower_case_table_names=1 stores names in lower case, grants included.
            grant = grant with { On = grant.On with { Database = grant.On.Database.ToLowerInvariant(), Name = grant.On.Name.ToLowerInvariant() } };
        }

        if (grant.On.Level is not (GrantLevel.Global or GrantLevel.Database) && !objectAvailable(grant.On))
        {
            notes.Add(AccountNote.Warning(account, "grant-object-missing",
                $"Privileges on {grant.On} not written: the object is not on the target (its database is not part of this migration).",
                $"Migrate {grant.On} too, then run `flexmigrate users` again to add the grant."));
            return null;
        }

        if (!_target.IsMariaDb && grant.On.Level is GrantLevel.Package or GrantLevel.PackageBody)
        {
            notes.Add(AccountNote.Warning(account, "privilege-stripped", $"Privileges on {grant.On} left out: MySQL has no packages."));
            return null;
        }

        var privileges = new SortedSet<string>(StringComparer.Ordinal);
        var stripped = new List<(string Privilege, string Why)>();
        foreach (var privilege in grant.Privileges.Where(p => p != PrivilegeCatalog.All))
        {
            if (Keep(privilege, grant.On, stripped) is { } kept)
            {
                privileges.Add(kept);
            }
        }

        if (grant.Privileges.Contains(PrivilegeCatalog.All))
        {
            var level = PrivilegeCatalog.LevelPrivileges(_target, grant.On.Level is GrantLevel.Package or GrantLevel.PackageBody ? GrantLevel.Procedure : grant.On.Level);
            var blocked = level.Select(p => (Privilege: p, Why: WhyNot(p, grant.On))).Where(p => p.Why is not null).ToList();
            if (blocked.Count == 0)
            {
                privileges.Add(PrivilegeCatalog.All);
            }
            else
            {
                privileges.UnionWith(level.Except(blocked.Select(b => b.Privilege)));
                stripped.AddRange(blocked.Select(b => (b.Privilege, b.Why!)));
                notes.Add(AccountNote.Warning(account, "all-privileges-expanded",
                    $"ALL PRIVILEGES on {grant.On} written as the {level.Count - blocked.Count} privileges of that level the target grants."));
            }
        }

        var columns = ImmutableSortedDictionary.CreateBuilder<string, ImmutableSortedSet<string>>(StringComparer.Ordinal);
        foreach (var (privilege, list) in grant.Columns)
        {
            if (Keep(privilege, grant.On, stripped) is { } kept)
            {
                columns[kept] = list;
            }
        }

        if (stripped.Count > 0)
        {
            var reasons = stripped.GroupBy(p => p.Why, StringComparer.Ordinal).Select(g => $"{string.Join(", ", g.Select(p => p.Privilege))} ({g.Key})");
            notes.Add(AccountNote.Warning(account, "privilege-stripped",
                $"Left out on {grant.On}: {string.Join("; ", reasons)}.",
                "Review whether the application needs them; Flexible Server offers server parameters and stored procedures (mysql.az_*) for most SUPER uses."));
        }

        if (target.PartialRevokes && grant.On.Level == GrantLevel.Database && HasWildcard(grant.On.Database))
        {
            notes.Add(AccountNote.Warning(account, "wildcard-literal",
                $"The target has partial_revokes=ON, under which MySQL reads `%` and `_` in {grant.On} literally: the grant no longer matches several databases.",
                "Set partial_revokes=OFF on the target, or grant each database by name."));
        }

        var result = new PrivilegeGrant(grant.On, privileges.ToImmutableSortedSet(StringComparer.Ordinal), columns.ToImmutable(), grant.GrantOption);
        return result.Privileges.IsEmpty && result.Columns.IsEmpty ? null : result;
    }

    // The privilege's target name when it can be granted there, else null with the reason added to `stripped`.
    private string? Keep(string privilege, GrantObject on, List<(string, string)> stripped)
    {
        var renamed = PrivilegeCatalog.Rename(privilege, source, _target);
        if (renamed is null)
        {
            stripped.Add((privilege, $"{Flavor(_target)} has no such privilege"));
            return null;
        }

        if (WhyNot(renamed, on) is { } why)
        {
            stripped.Add((renamed, why));
            return null;
        }

        return renamed;
    }

    private string? WhyNot(string privilege, GrantObject on)
    {
        if (target.IsAzureFlexible && FlexibleServerRestrictions.WhyNotGrantable(privilege) is { } restricted)
        {
            return restricted;
        }

        return target.Authority.CanGrant(privilege, on)
            ? null
            : $"the target login {target.Authority.Login} does not hold them WITH GRANT OPTION"
              + (target.IsAzureFlexible ? $"; Flexible Server's admin holds the privileges listed at {FlexibleServerRestrictions.CreateUsersUrl}" : "");
    }

    private ImmutableList<PrivilegeGrant> PartialRevokes(Account account, List<AccountNote> notes)
    {
        if (account.PartialRevokes.IsEmpty)
        {
            return [];
        }

        if (!target.PartialRevokes)
        {
            notes.Add(AccountNote.Error(account, "partial-revokes",
                $"Has partial revokes ({string.Join(", ", account.PartialRevokes.Select(r => r.On))}); without partial_revokes=ON on the target its global privileges would also cover those databases.",
                "Set the server parameter partial_revokes=ON on the target, or replace the global grants by database grants on the source."));
            return [];
        }

        return account.PartialRevokes;
    }

    private ImmutableList<RoleGrant> Roles(Account account, Func<AccountName, bool> isRole, List<AccountNote> notes)
    {
        if (account.Roles.IsEmpty)
        {
            return [];
        }

        if (!target.HasRoles)
        {
            notes.Add(AccountNote.Error(account, "roles-unsupported",
                $"Has roles ({string.Join(", ", account.Roles.Select(r => r.Role))}), and MySQL {_target.Series} has none.",
                "Migrate to a MySQL 8.0 Flexible Server, or grant the roles' privileges to the account directly on the source."));
            return [];
        }

        return [.. account.Roles.Select(r => r with { Role = TargetName(r.Role, isRole(r.Role)) })];
    }

    private ImmutableList<AccountName> DefaultRoles(Account account, Func<AccountName, bool> isRole, List<AccountNote> notes)
    {
        var roles = account.DefaultRoles.Select(r => TargetName(r, isRole(r))).ToList();
        if (roles.Count > 1 && _target.IsMariaDb)
        {
            notes.Add(AccountNote.Warning(account, "default-roles-reduced",
                $"MariaDB activates one default role: kept {roles[0]}, left out {string.Join(", ", roles.Skip(1))} (the account can still SET ROLE them)."));
            roles = [roles[0]];
        }

        return target.HasRoles ? [.. roles] : [];
    }

    private ImmutableList<ProxyGrant> Proxies(Account account, List<AccountNote> notes)
    {
        var kept = new List<ProxyGrant>();
        foreach (var proxy in account.Proxies)
        {
            if (target.Authority.CanGrantProxy(proxy.Proxied))
            {
                kept.Add(proxy);
            }
            else
            {
                notes.Add(AccountNote.Warning(account, "proxy-stripped",
                    $"GRANT PROXY ON {proxy.Proxied} left out: the target login {target.Authority.Login} may not grant PROXY (it needs GRANT PROXY ON ''@'%' ... WITH GRANT OPTION).",
                    "Grant the proxy on the target with an account that may."));
            }
        }

        return [.. kept];
    }

    private string? Attributes(Account account, List<AccountNote> notes)
    {
        if (account.Attributes is null || (!_target.IsMariaDb && _target.AtLeast(8, 0, 21)))
        {
            return account.Attributes;
        }

        notes.Add(AccountNote.Info(account, "attributes-dropped", $"The account's COMMENT/ATTRIBUTE metadata is left out: {Flavor(_target)} {_target.Series} does not store it."));
        return null;
    }

    private static bool HasWildcard(string pattern)
    {
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '\\')
            {
                i++;
            }
            else if (pattern[i] is '%' or '_')
            {
                return true;
            }
        }

        return false;
    }

    private static string Flavor(ServerVersion version) => version.Flavor;

    // mysql.user.User is CHAR(32) in MySQL 5.7+ and CHAR(80) in MariaDB 10.x.
    private static int MaxUserLength(ServerVersion version) => version.IsMariaDb ? 80 : 32;
}
