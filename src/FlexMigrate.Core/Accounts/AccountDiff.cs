using System.Collections.Immutable;
using FlexMigrate.Core.Precheck;

namespace FlexMigrate.Core.Accounts;

/// <summary>
/// Compares what an account must be on the target (the translated source account) with what the target holds, and
/// says both what differs (validation) and which statements make them equal (migration, replay, --replace-users):
/// CREATE when missing, ALTER USER for differing attributes, GRANT/REVOKE per object, privilege and column, role
/// and proxy grants, default roles. ALL PRIVILEGES is compared as the level's privilege list of the target, so a
/// server that prints the list and one that prints ALL agree.
/// </summary>
public sealed class AccountDiff(ServerVersion target)
{
    private readonly AccountSql _sql = AccountSql.For(target);

    /// <summary>The result for one account.</summary>
    public sealed record Result(IReadOnlyList<AccountStatement> Statements, IReadOnlyList<AccountDifference> Differences);

    /// <param name="desired">The translated source account (null: the account must not exist).</param>
    /// <param name="actual">The target's account (null: it does not exist).</param>
    public Result Compare(Account? desired, Account? actual)
    {
        if (desired is null)
        {
            return actual is null ? new Result([], [])
                : new Result([_sql.Drop(actual)], [new AccountDifference(actual.Name.ToString(), "extra-account", $"{actual} exists on the target, not on the source")]);
        }

        var statements = new List<AccountStatement>();
        var differences = new List<AccountDifference>();
        var who = desired.Name.ToString();
        var current = actual;
        if (current is null)
        {
            statements.AddRange(_sql.Create(desired));
            differences.Add(new AccountDifference(who, "missing-account", $"{desired} does not exist on the target"));
            current = new Account(desired.Name, desired.IsRole) { Credentials = desired.Credentials, Tls = desired.Tls, Limits = desired.Limits, Password = desired.Password, Locked = desired.Locked, Attributes = desired.Attributes };
        }
        else if (!desired.IsRole)
        {
            Attributes(desired, current, statements, differences);
        }

        Grants(desired, current, statements, differences);
        Revokes(desired, current, statements, differences);
        Roles(desired, current, statements, differences);
        Proxies(desired, current, statements, differences);
        if (!desired.IsRole && !desired.DefaultRoles.SequenceEqual(current.DefaultRoles))
        {
            statements.Add(_sql.DefaultRoles(desired));
            differences.Add(new AccountDifference(who, "default-role",
                $"default roles {Names(current.DefaultRoles)} on the target, {Names(desired.DefaultRoles)} expected"));
        }

        return new Result(statements, actual is null ? differences.Take(1).ToList() : differences);
    }

    private void Attributes(Account desired, Account actual, List<AccountStatement> statements, List<AccountDifference> differences)
    {
        var who = desired.Name.ToString();
        if (!AccountSql.SameCredentials(desired, actual))
        {
            differences.Add(new AccountDifference(who, "authentication",
                $"logs in with {Methods(actual)} on the target, {Methods(desired)} expected (or another password)"));
        }

        if (desired.Tls != actual.Tls)
        {
            differences.Add(new AccountDifference(who, "tls", $"REQUIRE {actual.Tls.Describe()} on the target, REQUIRE {desired.Tls.Describe()} expected"));
        }

        if (desired.Limits != actual.Limits)
        {
            differences.Add(new AccountDifference(who, "limits", $"resource limits {actual.Limits} on the target, {desired.Limits} expected"));
        }

        if (desired.Password != actual.Password)
        {
            differences.Add(new AccountDifference(who, "password", $"password policy {actual.Password} on the target, {desired.Password} expected"));
        }

        if (desired.Locked != actual.Locked)
        {
            differences.Add(new AccountDifference(who, "lock", desired.Locked ? "unlocked on the target, locked expected" : "locked on the target, unlocked expected"));
        }

        var alter = _sql.Alter(desired, actual);
        if (alter is not null)
        {
            statements.Add(alter);
        }

        // Writing the hash again un-expires the password, so expiry comes last.
        if (desired.Password.Expired && (!actual.Password.Expired || alter?.Sql.Contains(" IDENTIFIED ", StringComparison.Ordinal) == true))
        {
            statements.Add(_sql.Expire(desired));
        }
    }

    private void Grants(Account desired, Account actual, List<AccountStatement> statements, List<AccountDifference> differences)
    {
        var who = desired.Name.ToString();
        var want = desired.Grants.ToDictionary(g => g.On);
        var have = actual.Grants.ToDictionary(g => g.On);
        foreach (var on in want.Keys.Union(have.Keys).OrderBy(o => o.Level).ThenBy(o => o.Database, StringComparer.Ordinal).ThenBy(o => o.Name, StringComparer.Ordinal))
        {
            var d = want.GetValueOrDefault(on) ?? PrivilegeGrant.Of(on, []);
            var a = have.GetValueOrDefault(on) ?? PrivilegeGrant.Of(on, []);
            var (dp, ap) = Comparable(d, a);
            var missing = dp.Except(ap).ToList();
            var extra = ap.Except(dp).ToList();
            var missingColumns = ColumnDelta(d, a);
            var extraColumns = ColumnDelta(a, d);
            var grantOption = d.GrantOption && !a.GrantOption;
            if (missing.Count > 0 || missingColumns.Count > 0 || grantOption)
            {
                // Granting ALL again is exact and reads as the source does.
                var all = d.Privileges.Contains(PrivilegeCatalog.All) && missing.Count > 0;
                var grant = new PrivilegeGrant(on, (all ? [PrivilegeCatalog.All] : missing).ToImmutableSortedSet(StringComparer.Ordinal),
                    missingColumns, d.GrantOption);
                statements.Add(_sql.Grant(desired, grant));
                differences.Add(new AccountDifference(who, grant.Privileges.IsEmpty && grant.Columns.IsEmpty ? "grant-option" : "missing-grant", Describe(grant)));
            }

            if (extra.Count > 0 || extraColumns.Count > 0)
            {
                var revoke = new PrivilegeGrant(on, extra.ToImmutableSortedSet(StringComparer.Ordinal), extraColumns, false);
                statements.Add(_sql.Revoke(desired, revoke));
                differences.Add(new AccountDifference(who, "extra-grant", Describe(revoke)));
            }

            if (a.GrantOption && !d.GrantOption)
            {
                statements.Add(_sql.RevokeGrantOption(desired, on));
                differences.Add(new AccountDifference(who, "grant-option", $"WITH GRANT OPTION on {on} on the target, not expected"));
            }
        }
    }

    private void Revokes(Account desired, Account actual, List<AccountStatement> statements, List<AccountDifference> differences)
    {
        var want = desired.PartialRevokes.ToDictionary(r => r.On);
        var have = actual.PartialRevokes.ToDictionary(r => r.On);
        foreach (var (on, revoke) in want)
        {
            var missing = revoke.Privileges.Except(have.GetValueOrDefault(on)?.Privileges ?? []).ToList();
            if (missing.Count > 0)
            {
                var partial = PrivilegeGrant.Of(on, missing);
                statements.Add(_sql.Revoke(desired, partial));
                differences.Add(new AccountDifference(desired.Name.ToString(), "partial-revoke", $"REVOKE {string.Join(", ", missing)} ON {on} missing on the target"));
            }
        }
    }

    private void Roles(Account desired, Account actual, List<AccountStatement> statements, List<AccountDifference> differences)
    {
        var who = desired.Name.ToString();
        // A missing role, or one whose admin option must be added; one whose admin option must go is revoked and granted again below.
        foreach (var role in desired.Roles.Where(r => actual.Roles.FirstOrDefault(a => a.Role == r.Role) is not { } held || (r.AdminOption && !held.AdminOption)))
        {
            statements.Add(_sql.GrantRole(desired, role));
            differences.Add(new AccountDifference(who, "role", $"role {role.Role}{(role.AdminOption ? " WITH ADMIN OPTION" : "")} missing on the target"));
        }

        foreach (var role in actual.Roles.Where(r => !desired.Roles.Any(d => d.Role == r.Role) || (r.AdminOption && !desired.Roles.Single(d => d.Role == r.Role).AdminOption)))
        {
            statements.Add(_sql.RevokeRole(desired, role.Role));
            differences.Add(new AccountDifference(who, "role", $"role {role.Role}{(role.AdminOption ? " WITH ADMIN OPTION" : "")} on the target, not expected"));
            if (desired.Roles.FirstOrDefault(d => d.Role == role.Role) is { } keep)
            {
                statements.Add(_sql.GrantRole(desired, keep));
            }
        }
    }

    private void Proxies(Account desired, Account actual, List<AccountStatement> statements, List<AccountDifference> differences)
    {
        var who = desired.Name.ToString();
        foreach (var proxy in desired.Proxies.Where(p => !actual.Proxies.Contains(p)))
        {
            statements.Add(_sql.GrantProxy(desired, proxy));
            differences.Add(new AccountDifference(who, "proxy", $"PROXY ON {proxy.Proxied} missing on the target"));
        }

        foreach (var proxy in actual.Proxies.Where(p => !desired.Proxies.Any(d => d.Proxied == p.Proxied)))
        {
            statements.Add(_sql.RevokeProxy(desired, proxy.Proxied));
            differences.Add(new AccountDifference(who, "proxy", $"PROXY ON {proxy.Proxied} on the target, not expected"));
        }
    }

    // Both sides as privilege lists; ALL stays ALL only when both have it, else it becomes the level's list. ALL on
    // *.* of MySQL 8 also covers its dynamic privileges (SHOW GRANTS lists them apart), which then never differ.
    private (HashSet<string> Desired, HashSet<string> Actual) Comparable(PrivilegeGrant d, PrivilegeGrant a)
    {
        var dp = new HashSet<string>(d.Privileges, StringComparer.Ordinal);
        var ap = new HashSet<string>(a.Privileges, StringComparer.Ordinal);
        var dAll = dp.Contains(PrivilegeCatalog.All);
        if (dAll == ap.Contains(PrivilegeCatalog.All))
        {
            return (dp, ap);
        }

        var (all, list) = dAll ? (dp, ap) : (ap, dp);
        all.Remove(PrivilegeCatalog.All);
        all.UnionWith(PrivilegeCatalog.LevelPrivileges(target, d.On.Level is GrantLevel.Package or GrantLevel.PackageBody ? GrantLevel.Procedure : d.On.Level));
        if (!target.IsMariaDb && d.On.Level == GrantLevel.Global)
        {
            list.RemoveWhere(PrivilegeCatalog.IsDynamic);
        }

        return (dp, ap);
    }

    private static ImmutableSortedDictionary<string, ImmutableSortedSet<string>> ColumnDelta(PrivilegeGrant from, PrivilegeGrant other)
    {
        var result = ImmutableSortedDictionary.CreateBuilder<string, ImmutableSortedSet<string>>(StringComparer.Ordinal);
        foreach (var (privilege, columns) in from.Columns)
        {
            var rest = columns.Except(other.Columns.GetValueOrDefault(privilege) ?? []);
            if (!rest.IsEmpty)
            {
                result[privilege] = rest;
            }
        }

        return result.ToImmutable();
    }

    private static string Describe(PrivilegeGrant grant)
    {
        var items = grant.Privileges.Concat(grant.Columns.Select(c => $"{c.Key} ({string.Join(", ", c.Value)})")).ToList();
        return $"{(items.Count == 0 ? "GRANT OPTION" : string.Join(", ", items))} ON {grant.On}";
    }

    private static string Methods(Account account) =>
        account.Credentials.Count == 0 ? "no password" : string.Join(" or ", account.Credentials.Select(c => c.Plugin));

    private static string Names(IEnumerable<AccountName> names) => names.Any() ? string.Join(", ", names) : "NONE";
}
