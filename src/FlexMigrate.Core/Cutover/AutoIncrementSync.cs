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
/// stop, so its cost must not grow with round trips per table: the source's AUTO_INCREMENT columns from one
/// information_schema set query, then the counters of only those tables from both servers at once
/// (<see cref="TableSetQuery"/>), and only the counters that differ altered, many ALTERs per round trip.
/// Reading a counter makes the server open the table (EXPLAIN on information_schema.TABLES: "Open_full_table"), while
/// the columns come from the table definitions alone ("Open_frm_only"): at 10,000 tables without an AUTO_INCREMENT
/// column the whole-database counter read was 0.70 s of a 0.81 s downtime (issue 20). Everything is read inside the
/// write stop, so a counter a rolled-back insert advanced just before it (no binlog event says so) is still seen.
/// </summary>
public sealed class AutoIncrementSync(string sourceConnectionString, string targetConnectionString)
{
    // ALTER statements sent in one multi-statement command (MySqlConnector sends them as one COM_QUERY).
    private const int AltersPerRoundTrip = 200;

    /// <summary>Raises every selected target table's counter to the source's; returns the tables changed.</summary>
    public async Task<IReadOnlyList<string>> SyncAsync(SchemaSelection selection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var counted = await TablesWithCounterAsync(selection, cancellationToken);
        var reads = new[] { sourceConnectionString, targetConnectionString }.Select(c => ReadCountersAsync(c, counted, cancellationToken)).ToArray();
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

    /// <summary>
    /// The selected source tables with an AUTO_INCREMENT column, from the columns' definitions (no table opened; each
    /// database compared with '=' by <see cref="DatabaseSetQuery"/>: TABLE_SCHEMA IN (...) opens every table of the server).
    /// </summary>
    private async Task<List<ObjectName>> TablesWithCounterAsync(SchemaSelection selection, CancellationToken cancellationToken)
    {
        if (selection.Databases.Count == 0)
        {
            return [];
        }

        await using var connection = new MySqlConnection(sourceConnectionString);
        await connection.OpenAsync(cancellationToken);
        var rows = await DatabaseSetQuery.QueryAsync((sql, p) => DbRow.QueryAsync(connection, null, sql, cancellationToken, p), selection.Databases,
            "SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.COLUMNS", "TABLE_SCHEMA", orderBy: null,
            " AND EXTRA LIKE '%auto_increment%'");
        return [.. rows.Where(r => selection.Includes(r.Text("TABLE_SCHEMA"), r.Text("TABLE_NAME")))
            .Select(r => new ObjectName(r.Text("TABLE_SCHEMA"), r.Text("TABLE_NAME"))).Distinct()];
    }

    /// <summary>The counters of <paramref name="tables"/> on one server, each table named by '=' so the server opens only those.</summary>
    private static async Task<Dictionary<ObjectName, ulong>> ReadCountersAsync(string connectionString, List<ObjectName> tables, CancellationToken cancellationToken)
    {
        var counters = new Dictionary<ObjectName, ulong>();
        if (tables.Count == 0)
        {
            return counters;
        }

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

        var wanted = tables.ToHashSet();
        var rows = await TableSetQuery.QueryAsync((sql, p) => DbRow.QueryAsync(connection, null, sql, cancellationToken, p), tables,
            "SELECT TABLE_SCHEMA, TABLE_NAME, AUTO_INCREMENT FROM information_schema.TABLES", " AND AUTO_INCREMENT IS NOT NULL");
        // information_schema may compare names case-insensitively; keep only the exact tables asked for.
        foreach (var row in rows)
        {
            var name = new ObjectName(row.Text("TABLE_SCHEMA"), row.Text("TABLE_NAME"));
            if (wanted.Contains(name))
            {
                counters[name] = Convert.ToUInt64(row["AUTO_INCREMENT"], CultureInfo.InvariantCulture);
            }
        }

        return counters;
    }
}
