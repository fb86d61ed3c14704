using FlexMigrate.IntegrationTests.Infrastructure;
using MySqlConnector;

namespace FlexMigrate.IntegrationTests.Throttling;

/// <summary>
/// Real load on the source for the throttle tests: concurrent sessions each running SELECT SLEEP(s), which count in
/// Threads_running for as long as they sleep (the issue allows this instead of sysbench).
/// </summary>
internal static class SourceLoad
{
    /// <summary>Starts <paramref name="sessions"/> sleepers of <paramref name="seconds"/>; completes when all have returned.</summary>
    public static async Task<Task> StartAsync(int sessions, double seconds)
    {
        var connections = new List<MySqlConnection>();
        var csb = new MySqlConnectionStringBuilder(ServerPair.SourceConnectionString) { Pooling = false };
        for (var i = 0; i < sessions; i++)
        {
            var connection = new MySqlConnection(csb.ConnectionString);
            await connection.OpenAsync();
            connections.Add(connection);
        }

        return Task.WhenAll(connections.Select(async c =>
        {
            await using (c)
            {
                await using var command = new MySqlCommand(FormattableString.Invariant($"SELECT SLEEP({seconds})"), c) { CommandTimeout = 0 };
                await command.ExecuteScalarAsync();
            }
        }));
    }

    /// <summary>The source's Threads_running now.</summary>
    public static async Task<long> ThreadsRunningAsync() =>
        Convert.ToInt64(await ServerPair.ScalarAsync(ServerPair.SourceConnectionString,
            "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'THREADS_RUNNING'"), System.Globalization.CultureInfo.InvariantCulture);
}
