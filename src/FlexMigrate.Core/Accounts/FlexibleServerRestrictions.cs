namespace FlexMigrate.Core.Accounts;

/// <summary>
/// What Azure Database for MySQL Flexible Server does not let its admin grant, in one place with its sources:
/// <list type="bullet">
/// <item>https://learn.microsoft.com/azure/mysql/flexible-server/concepts-limitations ("Privileges and
/// data-manipulation support"): the static privileges SUPER, FILE, CREATE TABLESPACE and SHUTDOWN are restricted; of
/// MySQL 8's dynamic privileges only REPLICATION_APPLIER, ROLE_ADMIN, SESSION_VARIABLES_ADMIN, SHOW_ROUTINE and
/// XA_RECOVER_ADMIN are supported; BACKUP_ADMIN cannot be granted; the mysql system database is read-only.</item>
/// <item>https://learn.microsoft.com/azure/mysql/single-server/how-to-create-users (applies to Single and Flexible
/// Server): the server admin holds SELECT, INSERT, UPDATE, DELETE, CREATE, DROP, RELOAD, PROCESS, REFERENCES, INDEX,
/// ALTER, SHOW DATABASES, CREATE TEMPORARY TABLES, LOCK TABLES, EXECUTE, REPLICATION SLAVE, REPLICATION CLIENT,
/// CREATE VIEW, SHOW VIEW, CREATE ROUTINE, ALTER ROUTINE, CREATE USER, EVENT, TRIGGER; "azure_superuser" is the
/// system account Microsoft uses to manage every server.</item>
/// </list>
/// </summary>
public static class FlexibleServerRestrictions
{
    public const string LimitationsUrl = "https://learn.microsoft.com/azure/mysql/flexible-server/concepts-limitations";

    public const string CreateUsersUrl = "https://learn.microsoft.com/azure/mysql/single-server/how-to-create-users";

    /// <summary>Static privileges Flexible Server restricts.</summary>
    public static IReadOnlySet<string> RestrictedStatic { get; } =
        new HashSet<string>(["SUPER", "FILE", "CREATE TABLESPACE", "SHUTDOWN"], StringComparer.Ordinal);

    /// <summary>The only dynamic privileges Flexible Server (MySQL 8.0+) supports.</summary>
    public static IReadOnlySet<string> SupportedDynamic { get; } =
        new HashSet<string>(["REPLICATION_APPLIER", "ROLE_ADMIN", "SESSION_VARIABLES_ADMIN", "SHOW_ROUTINE", "XA_RECOVER_ADMIN"], StringComparer.Ordinal);

    /// <summary>Host names of Azure Database for MySQL servers (public clouds and sovereign clouds).</summary>
    private static readonly string[] AzureHostSuffixes =
        [".mysql.database.azure.com", ".mysql.database.chinacloudapi.cn", ".mysql.database.usgovcloudapi.net"];

    /// <summary>Why <paramref name="privilege"/> cannot be granted on Flexible Server, or null when it can.</summary>
    public static string? WhyNotGrantable(string privilege)
    {
        ArgumentNullException.ThrowIfNull(privilege);
        if (RestrictedStatic.Contains(privilege))
        {
            return $"Azure Database for MySQL Flexible Server restricts {privilege} ({LimitationsUrl})";
        }

        return PrivilegeCatalog.IsDynamic(privilege) && !SupportedDynamic.Contains(privilege)
            ? $"Azure Database for MySQL Flexible Server supports only the dynamic privileges {string.Join(", ", SupportedDynamic.Order(StringComparer.Ordinal))} ({LimitationsUrl})"
            : null;
    }

    /// <summary>The host is an Azure Database for MySQL endpoint (Single or Flexible Server).</summary>
    public static bool IsAzureHost(string host) =>
        AzureHostSuffixes.Any(s => host.EndsWith(s, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The server name of a Single Server endpoint ("mysingle" for mysingle.mysql.database.azure.com): Single Server
    /// logins are written user@mysingle, which is the plain account 'user' on the server itself.
    /// </summary>
    public static string? ServerNameOf(string host) =>
        IsAzureHost(host) ? host[..host.IndexOf('.', StringComparison.Ordinal)] : null;
}
