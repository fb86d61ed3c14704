using FlexMigrate.Core.Precheck;
using MySqlConnector;

namespace FlexMigrate.Core.Accounts;

/// <summary>
/// The target server as account translation sees it: flavour and version (syntax, privilege names), whether it is
/// Azure Flexible Server (<see cref="FlexibleServerRestrictions"/>), the authentication plugins it has, what its
/// login may grant, whether partial revokes are on, and the accounts it already has.
/// </summary>
/// <param name="Endpoint">host:port, for messages.</param>
/// <param name="IsAzureFlexible">An Azure Database for MySQL endpoint, or a server with the azure_superuser account.</param>
/// <param name="AuthPlugins">ACTIVE authentication plugins (information_schema.PLUGINS), lower case.</param>
/// <param name="Authority">What the migration login may grant.</param>
/// <param name="PartialRevokes">MySQL 8.0.16+ partial_revokes is ON.</param>
/// <param name="LowerCaseNames">lower_case_table_names=1 (Flexible Server's default): grants store database and table names in lower case.</param>
/// <param name="Accounts">The target's accounts (grants read for those a sync touches).</param>
public sealed record AccountTarget(
    string Endpoint,
    bool IsAzureFlexible,
    IReadOnlySet<string> AuthPlugins,
    GrantAuthority Authority,
    bool PartialRevokes,
    bool LowerCaseNames,
    AccountInventory Accounts)
{
    /// <summary>The migration login (never migrated, dropped or changed).</summary>
    public AccountName Login => Authority.Login;

    public ServerVersion Version => Accounts.Version;

    public bool IsMariaDb => Version.IsMariaDb;

    /// <summary>MySQL before 8.0 has no roles (https://dev.mysql.com/doc/refman/8.0/en/roles.html).</summary>
    public bool HasRoles => IsMariaDb || Version.AtLeast(8, 0);

    /// <summary>Reads the target through <paramref name="connection"/>; SHOW GRANTS only for accounts <paramref name="withGrants"/> accepts.</summary>
    public static async Task<AccountTarget> ReadAsync(MySqlConnection connection, Func<AccountName, bool> withGrants, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var csb = new MySqlConnectionStringBuilder(connection.ConnectionString);
        var login = await CurrentUserAsync(connection, cancellationToken);
        var accounts = await AccountReader.ReadAsync(connection, a => a == login || withGrants(a), cancellationToken);
        var plugins = await ServerQuery.ListAsync(connection,
            "SELECT PLUGIN_NAME FROM information_schema.PLUGINS WHERE PLUGIN_TYPE = 'AUTHENTICATION' AND PLUGIN_STATUS = 'ACTIVE'",
            r => ServerQuery.Text(r, 0).ToLowerInvariant(), cancellationToken);
        var variables = await ServerQuery.ListAsync(connection,
            "SHOW GLOBAL VARIABLES WHERE Variable_name IN ('partial_revokes', 'lower_case_table_names')", r => (ServerQuery.Text(r, 0), ServerQuery.Text(r, 1)), cancellationToken);
        var lowerCase = variables.FirstOrDefault(v => v.Item1 == "lower_case_table_names").Item2 ?? "0";
        var loginAccount = accounts.Find(login) ?? new Account(login, false);
        var azure = FlexibleServerRestrictions.IsAzureHost(csb.Server) || accounts.Accounts.Any(a => a.Name.User == "azure_superuser");
        return new AccountTarget(
            $"{csb.Server}:{csb.Port}",
            azure,
            plugins.ToHashSet(StringComparer.Ordinal),
            new GrantAuthority(loginAccount, lowerCase != "0"),
            variables.Any(v => v.Item1 == "partial_revokes" && v.Item2.Equals("ON", StringComparison.OrdinalIgnoreCase)),
            lowerCase == "1",
            accounts);
    }

    internal static async Task<AccountName> CurrentUserAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        var current = await ServerQuery.ScalarAsync(connection, "SELECT CURRENT_USER()", cancellationToken) ?? "@";
        var at = current.LastIndexOf('@');
        return new AccountName(current[..at], current[(at + 1)..]);
    }
}
