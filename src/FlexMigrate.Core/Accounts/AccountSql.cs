using System.Globalization;
using System.Text;
using FlexMigrate.Core.Precheck;
using FlexMigrate.Core.Sql;

namespace FlexMigrate.Core.Accounts;

/// <summary>
/// Writes account statements in a target flavour's syntax (<see cref="MariaDbAccountSql"/>, <see cref="MySqlAccountSql"/>).
/// Literals are written for a session with NO_BACKSLASH_ESCAPES (<see cref="SessionSqlMode"/>), where doubling a
/// quote is the whole escaping. Shared here: the grant statements, which both flavours write alike
/// (https://dev.mysql.com/doc/refman/8.0/en/grant.html, https://mariadb.com/kb/en/grant/).
/// </summary>
public abstract class AccountSql(ServerVersion version)
{
    /// <summary>The sql_mode flag the writer's session adds so that <see cref="SqlText.Literal"/> needs no backslash escaping.</summary>
    public const string SessionSqlMode = "NO_BACKSLASH_ESCAPES";

    protected ServerVersion Version { get; } = version;

    public static AccountSql For(ServerVersion target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.IsMariaDb ? new MariaDbAccountSql(target) : new MySqlAccountSql(target);
    }

    /// <summary>How statements name the account (MariaDB roles have no host).</summary>
    public abstract string Name(AccountName name, bool isRole);

    /// <summary>
    /// CREATE USER / CREATE ROLE with every attribute (IF NOT EXISTS: a batch re-run after a refused statement is safe;
    /// MySQL 5.7.8+, MariaDB 10.1.3+); then ALTER USER ... PASSWORD EXPIRE when expired.
    /// </summary>
    public IEnumerable<AccountStatement> Create(Account account)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (account.IsRole)
        {
            yield return AccountStatement.Plain(AccountStep.Create, $"CREATE ROLE IF NOT EXISTS {Name(account.Name, true)}");
            yield break;
        }

        yield return new AccountStatement(AccountStep.Create,
            $"CREATE USER IF NOT EXISTS {Name(account.Name, false)}{Attributes(account, null, reveal: true)}",
            $"CREATE USER IF NOT EXISTS {Name(account.Name, false)}{Attributes(account, null, reveal: false)}");
        if (account.Password.Expired)
        {
            yield return Expire(account);
        }
    }

    /// <summary>ALTER USER setting the attributes that differ from <paramref name="actual"/>; null when none do.</summary>
    public AccountStatement? Alter(Account desired, Account actual)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(actual);
        var sql = Attributes(desired, actual, reveal: true);
        return sql.Length == 0 ? null
            : new AccountStatement(AccountStep.Alter, $"ALTER USER {Name(desired.Name, false)}{sql}", $"ALTER USER {Name(desired.Name, false)}{Attributes(desired, actual, reveal: false)}");
    }

    public AccountStatement Expire(Account account) =>
        AccountStatement.Plain(AccountStep.Alter, $"ALTER USER {Name(account.Name, false)} PASSWORD EXPIRE");

    public AccountStatement Drop(Account account) =>
        AccountStatement.Plain(AccountStep.Drop, $"DROP {(account.IsRole ? "ROLE" : "USER")} IF EXISTS {Name(account.Name, account.IsRole)}");

    /// <summary>GRANT privileges (and column privileges) ON object TO grantee [WITH GRANT OPTION].</summary>
    public AccountStatement Grant(Account grantee, PrivilegeGrant grant)
    {
        ArgumentNullException.ThrowIfNull(grantee);
        ArgumentNullException.ThrowIfNull(grant);
        var list = PrivilegeList(grant);
        return AccountStatement.Plain(AccountStep.Grant,
            $"GRANT {(list.Length == 0 ? "USAGE" : list)} ON {grant.On.Sql} TO {Name(grantee.Name, grantee.IsRole)}{(grant.GrantOption ? " WITH GRANT OPTION" : "")}");
    }

    /// <summary>REVOKE privileges ON object FROM grantee (also MySQL 8 partial revokes).</summary>
    public AccountStatement Revoke(Account grantee, PrivilegeGrant grant) =>
        AccountStatement.Plain(AccountStep.Grant, $"REVOKE {PrivilegeList(grant)} ON {grant.On.Sql} FROM {Name(grantee.Name, grantee.IsRole)}");

    public AccountStatement RevokeGrantOption(Account grantee, GrantObject on) =>
        AccountStatement.Plain(AccountStep.Grant, $"REVOKE GRANT OPTION ON {on.Sql} FROM {Name(grantee.Name, grantee.IsRole)}");

    public AccountStatement GrantRole(Account grantee, RoleGrant role) =>
        AccountStatement.Plain(AccountStep.Role, $"GRANT {Name(role.Role, true)} TO {Name(grantee.Name, grantee.IsRole)}{(role.AdminOption ? " WITH ADMIN OPTION" : "")}");

    public AccountStatement RevokeRole(Account grantee, AccountName role) =>
        AccountStatement.Plain(AccountStep.Role, $"REVOKE {Name(role, true)} FROM {Name(grantee.Name, grantee.IsRole)}");

    public AccountStatement GrantProxy(Account grantee, ProxyGrant proxy) =>
        AccountStatement.Plain(AccountStep.Grant, $"GRANT PROXY ON {proxy.Proxied.Sql} TO {Name(grantee.Name, false)}{(proxy.GrantOption ? " WITH GRANT OPTION" : "")}");

    public AccountStatement RevokeProxy(Account grantee, AccountName proxied) =>
        AccountStatement.Plain(AccountStep.Grant, $"REVOKE PROXY ON {proxied.Sql} FROM {Name(grantee.Name, false)}");

    /// <summary>SET DEFAULT ROLE for the account (NONE when the list is empty).</summary>
    public abstract AccountStatement DefaultRoles(Account account);

    /// <summary>The login method clause (" IDENTIFIED ..."), hashes replaced by &lt;hash&gt; unless <paramref name="reveal"/>.</summary>
    protected abstract string Identified(IReadOnlyList<AccountCredential> credentials, bool reveal);

    /// <summary>Password and lock options after REQUIRE and WITH; only those differing from <paramref name="actual"/> (all when null).</summary>
    protected abstract void PasswordAndLock(StringBuilder sql, Account desired, Account? actual);

    /// <summary>The attribute clauses of CREATE USER (actual null) or of ALTER USER (only what differs).</summary>
    private string Attributes(Account desired, Account? actual, bool reveal)
    {
        var sql = new StringBuilder();
        // Setting the hash also clears an expiry, so an account to un-expire gets its hash written again.
        var unexpire = actual is { Password.Expired: true } && !desired.Password.Expired;
        if (actual is null ? desired.Credentials.Count > 0 : unexpire || !SameCredentials(desired, actual))
        {
            sql.Append(Identified(desired.Credentials, reveal));
        }

        if (actual is null ? desired.Tls.Kind != TlsKind.None : desired.Tls != actual.Tls)
        {
            sql.Append(" REQUIRE ").Append(desired.Tls.Describe());
        }

        if (actual is null ? desired.Limits != ResourceLimits.None : desired.Limits != actual.Limits)
        {
            sql.Append(" WITH").Append(Limits(desired.Limits, all: actual is not null));
        }

        PasswordAndLock(sql, desired, actual);
        return sql.ToString();
    }

    internal static bool SameCredentials(Account a, Account b) =>
        a.Credentials.Count == b.Credentials.Count && a.Credentials.Zip(b.Credentials).All(p => p.First.SameAs(p.Second));

    protected virtual string Limits(ResourceLimits limits, bool all)
    {
        var sb = new StringBuilder();
        void Add(string name, long value)
        {
            if (all || value != 0)
            {
                sb.Append(CultureInfo.InvariantCulture, $" {name} {value}");
            }
        }

        Add("MAX_QUERIES_PER_HOUR", limits.MaxQueriesPerHour);
        Add("MAX_UPDATES_PER_HOUR", limits.MaxUpdatesPerHour);
        Add("MAX_CONNECTIONS_PER_HOUR", limits.MaxConnectionsPerHour);
        Add("MAX_USER_CONNECTIONS", limits.MaxUserConnections);
        return sb.ToString();
    }

    /// <summary>"SELECT, INSERT, UPDATE (`a`, `b`)": object privileges, then column privileges.</summary>
    private static string PrivilegeList(PrivilegeGrant grant)
    {
        var items = grant.Privileges.ToList();
        items.AddRange(grant.Columns.Select(c => $"{c.Key} ({string.Join(", ", c.Value.Select(SqlText.Identifier))})"));
        return string.Join(", ", items);
    }
}
