using System.Globalization;
using FlexMigrate.Core.Schema;
using FlexMigrate.Core.Sql;
using MySqlConnector;
using FlexMigrate.Core.Testing;

namespace FlexMigrate.Core.Cutover;

/// <summary>
/// Sets each target table's AUTO_INCREMENT counter to the source's at cutover. Replayed rows already raise the
/// target's counter past their values, but the source's counter can be higher still (rolled-back inserts, deleted
/// top rows): without this the application could reuse ids that other systems already saw.
/// </summary>
public sealed class AutoIncrementSync(string sourceConnectionString, string targetConnectionString)
{
    /// <summary>Raises every selected target table's counter to the source's; returns the tables changed.</summary>
    public async Task<IReadOnlyList<string>> SyncAsync(SchemaSelection selection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var source = await ReadCountersAsync(sourceConnectionString, selection, cancellationToken);
        var target = await ReadCountersAsync(targetConnectionString, selection, cancellationToken);
        var changed = new List<string>();
        await using var connection = new MySqlConnection(targetConnectionString);
        await connection.OpenAsync(cancellationToken);
        foreach (var (table, counter) in source)
        {
            if (target.TryGetValue(table, out var current) && current >= counter)
            {
                continue;
            }

            // InnoDB never lowers the counter below MAX(column)+1, so this cannot make ids collide.
            var sql = $"ALTER TABLE {SqlText.Qualified(table.Database, table.Name)} AUTO_INCREMENT = {counter.ToString(CultureInfo.InvariantCulture)}";
            await using var command = new MySqlCommand(sql, connection) { CommandTimeout = 0 };
            await command.ExecuteNonQueryAsync(cancellationToken);
            changed.Add(table.ToString());
        }

        await PausePoint.ReachAsync("cutover-auto-increment", cancellationToken);
        return changed;
    }

    private static async Task<Dictionary<ObjectName, ulong>> ReadCountersAsync(string connectionString, SchemaSelection selection, CancellationToken cancellationToken)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        // MySQL 8 caches information_schema.TABLES statistics (AUTO_INCREMENT included) for a day by default.
        if (!connection.ServerVersion.Contains("MariaDB", StringComparison.OrdinalIgnoreCase))
        {
            await using var expiry = new MySqlCommand("SET SESSION information_schema_stats_expiry = 0", connection);
            try
            {
                await expiry.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (MySqlException ex) when (ex.ErrorCode == MySqlErrorCode.UnknownSystemVariable)
            {
                // MySQL 5.x: statistics are not cached.
            }
        }

        var counters = new Dictionary<ObjectName, ulong>();
        foreach (var database in selection.Databases)
        {
            await using var command = new MySqlCommand(
                "SELECT TABLE_NAME, AUTO_INCREMENT FROM information_schema.TABLES WHERE TABLE_SCHEMA = @db AND TABLE_TYPE = 'BASE TABLE' AND AUTO_INCREMENT IS NOT NULL",
                connection);
            command.Parameters.AddWithValue("@db", database);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var table = reader.GetString(0);
                if (selection.Includes(database, table))
                {
                    counters[new ObjectName(database, table)] = Convert.ToUInt64(reader.GetValue(1), CultureInfo.InvariantCulture);
                }
            }
        }

        return counters;
    }
}
