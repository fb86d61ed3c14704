using MySqlConnector;

namespace FlexMigrate.AzureTests.Orchestration;

/// <summary>
/// The real MariaDB pair of scripts/servers.sh (FLEXMIGRATE_SOURCE / FLEXMIGRATE_TARGET, exported by scripts/test.sh).
/// Tests here use databases named fm_az_* only.
/// </summary>
internal static class MariaDbPair
{
    public static string Source { get; } =
        Environment.GetEnvironmentVariable("FLEXMIGRATE_SOURCE") ?? "Server=127.0.0.1;Port=13306;User ID=root;AllowLoadLocalInfile=true";

    public static string Target { get; } =
        Environment.GetEnvironmentVariable("FLEXMIGRATE_TARGET") ?? "Server=127.0.0.1;Port=13307;User ID=root;AllowLoadLocalInfile=true";

    /// <summary>Drops <paramref name="database"/> on both servers and creates it on the source with <paramref name="script"/>.</summary>
    public static async Task CreateSourceAsync(string database, string script)
    {
        var drop = $"DROP DATABASE IF EXISTS `{database}`";
        await ExecAsync(Target, drop);
        await ExecAsync(Source, $"{drop}; CREATE DATABASE `{database}`; USE `{database}`; {script}");
    }

    /// <summary>Whether <paramref name="database"/> exists on the server.</summary>
    public static async Task<bool> ExistsAsync(string connectionString, string database) =>
        await ScalarAsync(connectionString, $"SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '{database}'") > 0;

    public static Task<long> CountAsync(string connectionString, string table) => ScalarAsync(connectionString, $"SELECT COUNT(*) FROM {table}");

    public static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var c = new MySqlConnection(connectionString);
        await c.OpenAsync();
        await using var cmd = new MySqlCommand(sql, c);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task ExecAsync(string connectionString, string sql)
    {
        await using var c = new MySqlConnection(connectionString);
        await c.OpenAsync();
        await using var cmd = new MySqlCommand(sql, c) { CommandTimeout = 120 };
        await cmd.ExecuteNonQueryAsync();
    }
}
