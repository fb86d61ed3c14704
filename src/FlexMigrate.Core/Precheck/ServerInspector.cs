using FlexMigrate.Core.Schema;
using MySqlConnector;

namespace FlexMigrate.Core.Precheck;

/// <summary>Reads <see cref="ServerFacts"/> from an open connection with a handful of cheap metadata queries.</summary>
internal static class ServerInspector
{
    public static async Task<ServerFacts> ReadAsync(
        MySqlConnection connection,
        string role,
        string endpoint,
        IReadOnlyList<string> databases,
        IReadOnlyDictionary<string, string>? knownParameters,
        CancellationToken cancellationToken)
    {
        var variables = await ReadVariablesAsync(connection, knownParameters, cancellationToken);
        var version = ServerVersion.Parse(await ServerQuery.ScalarAsync(connection, "SELECT VERSION()", cancellationToken) ?? connection.ServerVersion);
        var currentUser = await ServerQuery.ScalarAsync(connection, "SELECT CURRENT_USER()", cancellationToken) ?? "";
        var ignoreCase = variables.TryGetValue("lower_case_table_names", out var lctn) && lctn != "0";
        var grants = await ReadGrantsAsync(connection, version, ignoreCase, cancellationToken);
        var cipher = await ServerQuery.ListAsync(connection, "SHOW SESSION STATUS LIKE 'Ssl_cipher'", r => ServerQuery.Text(r, 1), cancellationToken);
        var collations = await ServerQuery.SetAsync(connection, "SELECT COLLATION_NAME FROM information_schema.COLLATIONS", cancellationToken);
        var charsets = await ServerQuery.SetAsync(connection, "SELECT CHARACTER_SET_NAME FROM information_schema.CHARACTER_SETS", cancellationToken);
        var accounts = await ServerQuery.TryAsync(() => ServerQuery.SetAsync(connection, "SELECT CONCAT(User, '@', Host) FROM mysql.user", cancellationToken));
        var zones = await ServerQuery.TryAsync(async () => (long?)long.Parse(
            await ServerQuery.ScalarAsync(connection, "SELECT COUNT(*) FROM mysql.time_zone_name", cancellationToken) ?? "0",
            System.Globalization.CultureInfo.InvariantCulture));
        var existing = await ReadExistingTablesAsync(connection, databases, ignoreCase, cancellationToken);
        return new ServerFacts(role, endpoint, version, variables, currentUser, grants,
            cipher.Count > 0 && cipher[0].Length > 0, collations, charsets, accounts, zones, existing);
    }

    private static async Task<IReadOnlyDictionary<string, string>> ReadVariablesAsync(
        MySqlConnection connection, IReadOnlyDictionary<string, string>? knownParameters, CancellationToken cancellationToken)
    {
        var variables = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in await ServerQuery.ListAsync(connection, "SHOW GLOBAL VARIABLES",
                     r => (ServerQuery.Text(r, 0), ServerQuery.Text(r, 1)), cancellationToken))
        {
            variables[name] = value;
        }

        // What the server reports is the effective value; external parameters only fill gaps.
        foreach (var (name, value) in knownParameters ?? new Dictionary<string, string>())
        {
            variables.TryAdd(name, value);
        }

        return variables;
    }

    /// <summary>
    /// SHOW GRANTS of the session: on MariaDB it already includes the active role's grants; MySQL 8 needs
    /// `SHOW GRANTS FOR CURRENT_USER() USING roles` to expand them (https://dev.mysql.com/doc/refman/8.0/en/show-grants.html).
    /// </summary>
    private static async Task<GrantSet?> ReadGrantsAsync(
        MySqlConnection connection, ServerVersion version, bool ignoreCase, CancellationToken cancellationToken)
    {
        var sql = "SHOW GRANTS";
        if (!version.IsMariaDb && version.AtLeast(8, 0))
        {
            var roles = await ServerQuery.TryAsync(() => ServerQuery.ScalarAsync(connection, "SELECT CURRENT_ROLE()", cancellationToken));
            if (roles is { Length: > 0 } && !roles.Equals("NONE", StringComparison.OrdinalIgnoreCase))
            {
                sql = $"SHOW GRANTS FOR CURRENT_USER() USING {roles}";
            }
        }

        var lines = await ServerQuery.TryAsync(() => ServerQuery.ListAsync(connection, sql, r => ServerQuery.Text(r, 0), cancellationToken));
        try
        {
            return lines is null ? null : GrantSet.Parse(lines, ignoreCase);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static async Task<IReadOnlySet<string>> ReadExistingTablesAsync(
        MySqlConnection connection, IReadOnlyList<string> databases, bool ignoreCase, CancellationToken cancellationToken)
    {
        var set = new HashSet<string>(ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        if (databases.Count == 0)
        {
            return set;
        }

        // '=' per database as UNION ALL branches, not an IN list: see SchemaInspector (MariaDB opens every table for IN).
        var rows = await DatabaseSetQuery.QueryAsync((sql, p) => DbRow.QueryAsync(connection, null, sql, cancellationToken, p), databases,
            ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal, "SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES", "TABLE_SCHEMA", null);
        foreach (var row in rows)
        {
            set.Add($"{row.Text("TABLE_SCHEMA")}.{row.Text("TABLE_NAME")}");
        }

        return set;
    }
}
