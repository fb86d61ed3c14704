using FlexMigrate.Core.Schema;
using FlexMigrate.Core.Sql;
using MySqlConnector;

namespace FlexMigrate.Core.Cutover;

/// <summary>
/// Undoes the part of a cutover that switches the target on: drops the triggers and events of the selected objects
/// on the target. An online migration creates those only at cutover, so a failed cutover leaves the target exactly
/// as replication needs it (no trigger fires on replicated rows, no event writes) and a later cutover starts clean.
/// </summary>
public sealed class TargetSwitchUndo(string targetConnectionString)
{
    /// <summary>Drops them; returns the names dropped ("db.name").</summary>
    public async Task<IReadOnlyList<string>> UndoAsync(SchemaSelection selection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(selection);
        await using var connection = new MySqlConnection(targetConnectionString);
        await connection.OpenAsync(cancellationToken);
        var dropped = new List<string>();
        foreach (var database in selection.Databases)
        {
            var triggers = await ListAsync(connection,
                "SELECT TRIGGER_NAME, EVENT_OBJECT_TABLE FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = @db", database, cancellationToken);
            foreach (var (name, table) in triggers.Where(t => selection.Includes(database, t.Table)))
            {
                await ExecuteAsync(connection, $"DROP TRIGGER IF EXISTS {SqlText.Qualified(database, name)}", cancellationToken);
                dropped.Add($"{database}.{name}");
            }

            var events = await ListAsync(connection,
                "SELECT EVENT_NAME, EVENT_NAME FROM information_schema.EVENTS WHERE EVENT_SCHEMA = @db", database, cancellationToken);
            foreach (var (name, _) in events)
            {
                await ExecuteAsync(connection, $"DROP EVENT IF EXISTS {SqlText.Qualified(database, name)}", cancellationToken);
                dropped.Add($"{database}.{name}");
            }
        }

        return dropped;
    }

    private static async Task<List<(string Name, string Table)>> ListAsync(MySqlConnection connection, string sql, string database, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(sql, connection);
        command.Parameters.AddWithValue("@db", database);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var list = new List<(string, string)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add((reader.GetString(0), reader.GetString(1)));
        }

        return list;
    }

    private static async Task ExecuteAsync(MySqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
