using MySqlConnector;

namespace FlexMigrate.IntegrationTests.Fidelity;

/// <summary>
/// Reads what a server stores for a view, routine, trigger or event the way mysqldump does: SHOW CREATE with
/// character_set_results = binary (the bytes as the creating client sent them) and the session attributes it shows.
/// Independent of the engine's own readers.
/// </summary>
internal static class StoredBytes
{
    /// <summary>Definition bytes and "client|connection|database collation|sql_mode|time zone" of one object.</summary>
    public static async Task<(byte[] Definition, string Session)> ShowCreateAsync(string connectionString, string kind, string database, string name)
    {
        var (column, attributes) = kind switch
        {
            "VIEW" => ("Create View", new[] { "character_set_client", "collation_connection" }),
            "PROCEDURE" => ("Create Procedure", ["character_set_client", "collation_connection", "Database Collation", "sql_mode"]),
            "FUNCTION" => ("Create Function", ["character_set_client", "collation_connection", "Database Collation", "sql_mode"]),
            "TRIGGER" => ("SQL Original Statement", ["character_set_client", "collation_connection", "Database Collation", "sql_mode"]),
            "EVENT" => ("Create Event", ["character_set_client", "collation_connection", "Database Collation", "sql_mode", "time_zone"]),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        await using var c = new MySqlConnection(connectionString);
        await c.OpenAsync();
        await using (var set = new MySqlCommand("SET SESSION character_set_results = binary, sql_mode = ''", c))
        {
            await set.ExecuteNonQueryAsync();
        }

        await using var cmd = new MySqlCommand($"SHOW CREATE {kind} `{database}`.`{name.Replace("`", "``", StringComparison.Ordinal)}`", c) { CommandTimeout = 600 };
        await using var reader = await cmd.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"SHOW CREATE {kind} {database}.{name} returned nothing");
        var definition = (byte[])reader.GetValue(reader.GetOrdinal(column));
        var session = string.Join("|", attributes.Select(a => System.Text.Encoding.UTF8.GetString((byte[])reader.GetValue(reader.GetOrdinal(a)))));
        return (definition, session);
    }
}
