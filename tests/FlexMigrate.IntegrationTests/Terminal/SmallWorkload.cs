using System.Globalization;
using FlexMigrate.IntegrationTests.Infrastructure;
using MySqlConnector;

namespace FlexMigrate.IntegrationTests.Terminal;

/// <summary>A steady trickle of writes (about 50 a second) on one table of the source, so replication has lag to show.</summary>
internal static class SmallWorkload
{
    public static async Task RunAsync(string db, string table, CancellationToken stop)
    {
        await using var connection = new MySqlConnection(ServerPair.SourceConnectionString);
        await connection.OpenAsync(CancellationToken.None);
        var id = 10_000_000;
        while (!stop.IsCancellationRequested)
        {
            id++;
            var sql = string.Create(CultureInfo.InvariantCulture,
                $"INSERT INTO `{db}`.`{table}` VALUES ({id}, {id % 1000}, 'live'); UPDATE `{db}`.`{table}` SET v = 'changed' WHERE id = {1 + (id % 1000)}");
            await using var command = new MySqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync(CancellationToken.None);
            try
            {
                await Task.Delay(20, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
