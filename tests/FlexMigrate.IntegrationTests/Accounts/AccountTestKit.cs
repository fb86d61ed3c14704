using System.Globalization;
using FlexMigrate.IntegrationTests.Infrastructure;
using FlexMigrate.Orchestration.Connections;
using MySqlConnector;

namespace FlexMigrate.IntegrationTests.Accounts;

/// <summary>
/// Accounts are server-global, so every account test uses its own name prefix, drops what carries it on both servers
/// before and after, and never touches other accounts. The target login of these tests is a Flexible Server-like
/// admin: the privileges Azure documents for the server admin, WITH GRANT OPTION (FlexibleServerRestrictions).
/// </summary>
internal static class AccountTestKit
{
    /// <summary>The privileges Azure Flexible Server's admin holds (https://learn.microsoft.com/azure/mysql/single-server/how-to-create-users).</summary>
    public const string FlexibleAdminPrivileges =
        "SELECT, INSERT, UPDATE, DELETE, CREATE, DROP, RELOAD, PROCESS, REFERENCES, INDEX, ALTER, SHOW DATABASES, CREATE TEMPORARY TABLES, " +
        "LOCK TABLES, EXECUTE, REPLICATION SLAVE, REPLICATION CLIENT, CREATE VIEW, SHOW VIEW, CREATE ROUTINE, ALTER ROUTINE, CREATE USER, EVENT, TRIGGER";

    /// <summary>Drops every account and role whose name starts with <paramref name="prefix"/> on both servers.</summary>
    public static async Task DropAccountsAsync(string prefix)
    {
        foreach (var cs in new[] { ServerPair.SourceConnectionString, ServerPair.TargetConnectionString })
        {
            var drops = await ListAsync(cs,
                $"SELECT IF(is_role = 'Y', CONCAT('DROP ROLE IF EXISTS `', REPLACE(User, '`', '``'), '`'), " +
                $"CONCAT('DROP USER IF EXISTS `', REPLACE(User, '`', '``'), '`@`', REPLACE(Host, '`', '``'), '`')) FROM mysql.user WHERE User LIKE '{prefix}%'");
            foreach (var drop in drops)
            {
                await ServerPair.ExecAsync(cs, drop);
            }
        }
    }

    /// <summary>Creates the Flexible Server-like admin on the target and returns a catalog using it as the target login.</summary>
    public static async Task<IConnectionCatalog> FlexibleTargetAsync(string user, string password)
    {
        await ServerPair.ExecTargetAsync($"""
            DROP USER IF EXISTS '{user}'@'%';
            CREATE USER '{user}'@'%' IDENTIFIED BY '{password}';
            GRANT {FlexibleAdminPrivileges} ON *.* TO '{user}'@'%' WITH GRANT OPTION;
            GRANT PROXY ON ''@'%' TO '{user}'@'%' WITH GRANT OPTION;
            """);
        return new DictionaryConnectionCatalog(new Dictionary<string, string>
        {
            [InProcessMigration.Source] = ServerPair.SourceConnectionString,
            [InProcessMigration.Target] = As(ServerPair.TargetConnectionString, user, password),
        });
    }

    /// <summary>MariaDB's ed25519 plugin on the source only, so the target lacks it (as Flexible Server does).</summary>
    public static async Task InstallEd25519OnSourceAsync()
    {
        var installed = await ListAsync(ServerPair.SourceConnectionString, "SELECT PLUGIN_NAME FROM information_schema.PLUGINS WHERE PLUGIN_NAME = 'ed25519'");
        if (installed.Count == 0)
        {
            await ServerPair.ExecSourceAsync("INSTALL SONAME 'auth_ed25519'");
        }
    }

    public static string As(string connectionString, string user, string password) =>
        new MySqlConnectionStringBuilder(connectionString) { UserID = user, Password = password, Pooling = false, ConnectionTimeout = 15 }.ConnectionString;

    /// <summary>
    /// What happens when <paramref name="user"/> logs in and runs <paramref name="sql"/>: "ok", "login error N" or
    /// "error N" (the server's error number), compared between source and target.
    /// </summary>
    public static async Task<string> OutcomeAsync(string server, string user, string password, string? sql)
    {
        await using var connection = new MySqlConnection(As(server, user, password));
        try
        {
            await connection.OpenAsync();
        }
        catch (MySqlException ex)
        {
            return string.Create(CultureInfo.InvariantCulture, $"login error {ex.Number}");
        }

        if (sql is null)
        {
            return "ok";
        }

        try
        {
            await using var command = new MySqlCommand(sql, connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
            }

            return "ok";
        }
        catch (MySqlException ex)
        {
            return string.Create(CultureInfo.InvariantCulture, $"error {ex.Number}");
        }
    }

    /// <summary>SHOW GRANTS lines, sorted (servers print role and grant lines in storage order).</summary>
    public static async Task<List<string>> GrantsAsync(string server, string account) =>
        [.. (await ListAsync(server, $"SHOW GRANTS FOR {account}")).Order(StringComparer.Ordinal)];

    public static Task<List<string>> CreateUserAsync(string server, string account) => ListAsync(server, $"SHOW CREATE USER {account}");

    public static async Task<List<string>> ListAsync(string connectionString, string sql)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var list = new List<string>();
        while (await reader.ReadAsync())
        {
            list.Add(reader.GetString(0));
        }

        return list;
    }
}
