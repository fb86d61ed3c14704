using System.Globalization;
using FlexMigrate.Core.Schema;
using FlexMigrate.Core.Sql;
using MySqlConnector;
using FlexMigrate.Core.Testing;

namespace FlexMigrate.Core.Cutover;

/// <summary>
/// Sets each target table's AUTO_INCREMENT counter to the source's at cutover. Replayed rows already raise the
/// target's counter past their values, but the source's counter can be higher still (rolled-back inserts, deleted
/// top rows): without this the application could reuse ids that other systems already saw. It runs inside the write
/// stop, so its cost must not grow with round trips per table: one information_schema set query per server (both at
/// once), and only the counters that differ altered, many ALTERs per round trip.
/// </summary>
public sealed class AutoIncrementSync(string sourceConnectionString, string targetConnectionString)
{
    // ALTER statements sent in one multi-statement command (MySqlConnector sends them as one COM_QUERY).
    private const int AltersPerRoundTrip = 200;

    /// <summary>Raises every selected target table's counter to the source's; returns the tables changed.</summary>
    public async Task<IReadOnlyList<string>> SyncAsync(SchemaSelection selection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var reads = new[] { sourceConnectionString, targetConnectionString }.Select(c => ReadCountersAsync(c, selection, cancellationToken)).ToArray();
        var counters = await Task.WhenAll(reads);
        var (source, target) = (counters[0], counters[1]);
        // InnoDB never lowers the counter below MAX(column)+1, so this cannot make ids collide.
        var raise = source.Where(s => !target.TryGetValue(s.Key, out var current) || current < s.Value)
            .Select(s => (Table: s.Key, Sql: $"ALTER TABLE {SqlText.Qualified(s.Key.Database, s.Key.Name)} AUTO_INCREMENT = {s.Value.ToString(CultureInfo.InvariantCulture)}"))
            .ToList();
        if (raise.Count > 0)
        {
            await using var connection = new MySqlConnection(targetConnectionString);
            await connection.OpenAsync(cancellationToken);
            foreach (var chunk in raise.Chunk(AltersPerRoundTrip))
            {
                await using var command = new MySqlCommand(string.Join(";\n", chunk.Select(c => c.Sql)), connection) { CommandTimeout = 0 };
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await PausePoint.ReachAsync("cutover-auto-increment", cancellationToken);
        return raise.Select(r => r.Table.ToString()).ToList();
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
        if (selection.Databases.Count == 0)
        {
            return counters;
        }

        // Each database compared with '=' (DatabaseSetQuery): TABLE_SCHEMA IN (...) opens every table of the server.
        var rows = await DatabaseSetQuery.QueryAsync((sql, p) => DbRow.QueryAsync(connection, null, sql, cancellationToken, p), selection.Databases,
            "SELECT TABLE_SCHEMA, TABLE_NAME, AUTO_INCREMENT FROM information_schema.TABLES", "TABLE_SCHEMA", orderBy: null,
            " AND TABLE_TYPE = 'BASE TABLE' AND AUTO_INCREMENT IS NOT NULL");
        foreach (var row in rows.Where(r => selection.Includes(r.Text("TABLE_SCHEMA"), r.Text("TABLE_NAME"))))
        {
            counters[new ObjectName(row.Text("TABLE_SCHEMA"), row.Text("TABLE_NAME"))] = Convert.ToUInt64(row["AUTO_INCREMENT"], CultureInfo.InvariantCulture);
        }

        return counters;
    }
}
