namespace FlexMigrate.Core.Accounts;

/// <summary>
/// Accounts the server or the platform owns; they are never migrated (not even with --users all) and never changed on
/// the target: MySQL's reserved accounts mysql.sys, mysql.session, mysql.infoschema
/// (https://dev.mysql.com/doc/refman/8.0/en/reserved-accounts.html), MariaDB's mariadb.sys
/// (https://mariadb.com/kb/en/mysql-sys-schema/), the installer's local root accounts and anonymous accounts, and Azure's azure_superuser
/// (<see cref="FlexibleServerRestrictions.CreateUsersUrl"/>).
/// </summary>
public static class SystemAccounts
{
    private static readonly HashSet<string> ReservedUsers =
        new(["mysql.sys", "mysql.session", "mysql.infoschema", "mariadb.sys", "azure_superuser"], StringComparer.Ordinal);

    private static readonly HashSet<string> LocalHosts = new(["localhost", "127.0.0.1", "::1"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Why <paramref name="account"/> is not migrated, or null for an ordinary account.</summary>
    /// <param name="account">The account.</param>
    /// <param name="serverHostName">The server's @@hostname (the installer also creates root@&lt;hostname&gt;).</param>
    public static string? Reason(AccountName account, string serverHostName)
    {
        if (ReservedUsers.Contains(account.User))
        {
            return account.User == "azure_superuser"
                ? "the Azure platform's management account"
                : "an account reserved by the server";
        }

        if (account.User == "root" && (LocalHosts.Contains(account.Host) || string.Equals(account.Host, serverHostName, StringComparison.OrdinalIgnoreCase)))
        {
            return "the server's local administrator account (the target has its own)";
        }

        if (account.User.Length == 0)
        {
            // ''@host matches every user name from that host: a security risk installers leave behind, never carried.
            return "an anonymous account";
        }

        // MariaDB 10.11 keeps grants to PUBLIC under this name; it is not an account of its own.
        return account.User == "PUBLIC" && account.Host.Length == 0 ? "MariaDB's PUBLIC pseudo-role" : null;
    }
}
