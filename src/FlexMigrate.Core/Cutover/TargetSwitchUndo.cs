using FlexMigrate.Core.Schema;
using FlexMigrate.Core.Sql;
using MySqlConnector;

namespace FlexMigrate.Core.Cutover;

/// <summary>
/// Undoes the part of a cutover that switches the target on: drops the triggers and events of the selected objects
/// on the target. An online migration creates those only at cutover, so a failed cutover leaves the target exactly
/// as replication needs it (no trigger fires on replicated rows, no event writes) and a later cutover starts clean.
/// The source stays read-only until this has run, so it lists with one set query for all databases and drops many
/// objects per round trip.
/// </summary>
public sealed class TargetSwitchUndo(string targetConnectionString)
{
    // DROP statements sent in one multi-statement command (MySqlConnector sends them as one COM_QUERY).
    private const int DropsPerRoundTrip = 200;

    /// <summary>Drops them; returns the names dropped ("db.name").</summary>
    public async Task<IReadOnlyList<string>> UndoAsync(SchemaSelection selection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(selection);
        if (selection.Databases.Count == 0)
        {
            return [];
        }

        await using var connection = new MySqlConnection(targetConnectionString);
        await connection.OpenAsync(cancellationToken);
        var objects = await ListAsync(connection, selection, cancellationToken);
        foreach (var chunk in objects.Chunk(DropsPerRoundTrip))
        {
            var sql = string.Join(";\n", chunk.Select(o => $"DROP {o.Kind} IF EXISTS {SqlText.Qualified(o.Database, o.Name)}"));
            await using var command = new MySqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return objects.Select(o => $"{o.Database}.{o.Name}").ToList();
    }

    /// <summary>The selected databases' triggers (of selected tables) and events: one query for all of them.</summary>
    private static async Task<List<(string Kind, string Database, string Name)>> ListAsync(
        MySqlConnection connection, SchemaSelection selection, CancellationToken cancellationToken)
    {
        var databases = SqlInList.Of(selection.Databases);
        await using var command = new MySqlCommand(
            $"SELECT 'TRIGGER', TRIGGER_SCHEMA, TRIGGER_NAME, EVENT_OBJECT_TABLE FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA IN ({databases.Placeholders}) "
            + $"UNION ALL SELECT 'EVENT', EVENT_SCHEMA, EVENT_NAME, NULL FROM information_schema.EVENTS WHERE EVENT_SCHEMA IN ({databases.Placeholders})",
            connection);
        databases.AddTo(command);

        var list = new List<(string, string, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var (kind, database, name) = (reader.GetString(0), reader.GetString(1), reader.GetString(2));
            // information_schema may compare names case-insensitively; the selection is exact. Triggers follow their table.
            if (selection.Databases.Contains(database) && (reader.IsDBNull(3) || selection.Includes(database, reader.GetString(3))))
            {
                list.Add((kind, database, name));
            }
        }

        return list;
    }
}
