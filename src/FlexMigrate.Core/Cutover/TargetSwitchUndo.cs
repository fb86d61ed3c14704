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
        // Each database compared with '=' (DatabaseSetQuery), triggers on their table's schema: the IN form and
        // TRIGGER_SCHEMA make the server open every table it has (SqlInList).
        var rows = await DatabaseSetQuery.QueryAsync((sql, p) => DbRow.QueryAsync(connection, null, sql, cancellationToken, p), selection.Databases,
            StringComparer.Ordinal,
            [new("SELECT 'TRIGGER' AS KIND, EVENT_OBJECT_SCHEMA AS DB, TRIGGER_NAME AS NAME, EVENT_OBJECT_TABLE AS TBL FROM information_schema.TRIGGERS", "EVENT_OBJECT_SCHEMA"),
             new("SELECT 'EVENT', EVENT_SCHEMA, EVENT_NAME, NULL FROM information_schema.EVENTS", "EVENT_SCHEMA")],
            "DB", orderBy: null);
        // Triggers follow their table.
        return [.. rows.Where(r => r["TBL"] is null || selection.Includes(r.Text("DB"), r.Text("TBL")))
            .Select(r => (r.Text("KIND"), r.Text("DB"), r.Text("NAME")))];
    }
}
