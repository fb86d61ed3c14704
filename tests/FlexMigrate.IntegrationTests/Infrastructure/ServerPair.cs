using MySqlConnector;

namespace FlexMigrate.IntegrationTests.Infrastructure;

/// <summary>
/// The real MariaDB source/target pair started by scripts/servers.sh. Connection strings come from
/// FLEXMIGRATE_SOURCE / FLEXMIGRATE_TARGET (scripts/test.sh exports them), defaulting to the script's ports.
/// Tests isolate themselves by database name: each test uses names no other test uses.
/// </summary>
public static class ServerPair
{
    public static string SourceConnectionString { get; } =
        Environment.GetEnvironmentVariable("FLEXMIGRATE_SOURCE")
        ?? "Server=127.0.0.1;Port=13306;User ID=root;AllowLoadLocalInfile=true";

    public static string TargetConnectionString { get; } =
        Environment.GetEnvironmentVariable("FLEXMIGRATE_TARGET")
        ?? "Server=127.0.0.1;Port=13307;User ID=root;AllowLoadLocalInfile=true";

    /// <summary>
    /// The third server (scripts/servers.sh start-replica): the source's native replica for the --max-replica-lag tests,
    /// and the one server without a binlog (the target logs binlogs like Flexible Server, for reverse replication).
    /// </summary>
    public static string ReplicaConnectionString { get; } =
        Environment.GetEnvironmentVariable("FLEXMIGRATE_REPLICA") ?? "Server=127.0.0.1;Port=13308;User ID=root";

    public static async Task<MySqlConnection> OpenSourceAsync()
    {
        var c = new MySqlConnection(SourceConnectionString);
        await c.OpenAsync();
        return c;
    }

    public static async Task<MySqlConnection> OpenTargetAsync()
    {
        var c = new MySqlConnection(TargetConnectionString);
        await c.OpenAsync();
        return c;
    }

    /// <summary>Runs a script (statements separated by ';' at line ends, DELIMITER not supported) on the source.</summary>
    public static Task ExecSourceAsync(string sql) => ExecAsync(SourceConnectionString, sql);

    public static Task ExecTargetAsync(string sql) => ExecAsync(TargetConnectionString, sql);

    /// <summary>Drops <paramref name="databases"/> on both servers so a test starts from nothing.</summary>
    public static async Task ResetDatabasesAsync(params string[] databases)
    {
        foreach (var db in databases)
        {
            var drop = $"SET foreign_key_checks = 0; DROP DATABASE IF EXISTS `{db.Replace("`", "``", StringComparison.Ordinal)}`";
            await ExecSourceAsync(drop);
            await ExecTargetAsync(drop);
        }
    }

    public static async Task ExecAsync(string connectionString, string sql)
    {
        var csb = new MySqlConnectionStringBuilder(connectionString) { AllowUserVariables = true };
        await using var c = new MySqlConnection(csb.ConnectionString);
        await c.OpenAsync();
        await using var cmd = new MySqlCommand(sql, c) { CommandTimeout = 600 };
        await cmd.ExecuteNonQueryAsync();
    }

    public static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var c = new MySqlConnection(connectionString);
        await c.OpenAsync();
        await using var cmd = new MySqlCommand(sql, c);
        return await cmd.ExecuteScalarAsync();
    }
}
