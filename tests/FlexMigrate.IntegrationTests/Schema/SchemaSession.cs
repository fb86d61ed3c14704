using FlexMigrate.IntegrationTests.Infrastructure;
using MySqlConnector;

namespace FlexMigrate.IntegrationTests.Schema;

/// <summary>Reads SHOW CREATE output and object lists from either server, independently of the code under test.</summary>
internal static class SchemaSession
{
    public static async Task<string> ShowCreateAsync(string connectionString, string kind, string database, string name)
    {
        var column = kind switch
        {
            "TABLE" => "Create Table",
            "VIEW" => "Create View",
            "PROCEDURE" => "Create Procedure",
            "FUNCTION" => "Create Function",
            "TRIGGER" => "SQL Original Statement",
            "EVENT" => "Create Event",
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        await using var c = new MySqlConnection(connectionString);
        await c.OpenAsync();
        await using (var set = new MySqlCommand("SET SESSION sql_mode='', time_zone='+00:00'", c))
        {
            await set.ExecuteNonQueryAsync();
        }

        // Generous timeout: in the full suite other test classes run DDL and copies on the same servers, and a metadata
        // lock they hold can delay a SHOW CREATE well past the 30 s default.
        await using var cmd = new MySqlCommand($"SHOW CREATE {kind} `{database}`.`{name.Replace("`", "``", StringComparison.Ordinal)}`", c) { CommandTimeout = 600 };
        await using var reader = await cmd.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"SHOW CREATE {kind} {database}.{name} returned nothing");
        return reader.GetString(reader.GetOrdinal(column));
    }

    /// <summary>Every (kind, name) in <paramref name="database"/>, sorted: tables, views, routines, triggers, events.</summary>
    public static async Task<List<(string Kind, string Name)>> ObjectsAsync(string connectionString, string database)
    {
        await using var c = new MySqlConnection(connectionString);
        await c.OpenAsync();
        await using var cmd = new MySqlCommand(
            "SELECT IF(TABLE_TYPE = 'VIEW', 'VIEW', 'TABLE'), TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = @db "
            + "UNION ALL SELECT ROUTINE_TYPE, ROUTINE_NAME FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = @db "
            + "UNION ALL SELECT 'TRIGGER', TRIGGER_NAME FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = @db "
            + "UNION ALL SELECT 'EVENT', EVENT_NAME FROM information_schema.EVENTS WHERE EVENT_SCHEMA = @db ORDER BY 1, 2", c) { CommandTimeout = 600 };
        cmd.Parameters.AddWithValue("@db", database);
        var list = new List<(string, string)>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            list.Add((reader.GetString(0), reader.GetString(1)));
        }

        return list;
    }

    /// <summary>"table.timing.event.order=name" per trigger: the firing order SHOW CREATE TRIGGER does not show.</summary>
    public static async Task<List<string>> TriggerOrderAsync(string connectionString, string database)
    {
        await using var c = new MySqlConnection(connectionString);
        await c.OpenAsync();
        await using var cmd = new MySqlCommand(
            "SELECT CONCAT_WS('.', EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, ACTION_ORDER), TRIGGER_NAME "
            + "FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = @db ORDER BY 1", c) { CommandTimeout = 600 };
        cmd.Parameters.AddWithValue("@db", database);
        var list = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            list.Add(reader.GetString(0) + "=" + reader.GetString(1));
        }

        return list;
    }

    /// <summary>Drops the databases on both servers; foreign keys across them would block a plain DROP DATABASE.</summary>
    public static async Task ResetAsync(params string[] databases)
    {
        var drops = "SET SESSION foreign_key_checks = 0;" + string.Concat(databases.Select(d => $"DROP DATABASE IF EXISTS `{d}`;"));
        await ServerPair.ExecSourceAsync(drops);
        await ServerPair.ExecTargetAsync(drops);
    }

    public static string Source => ServerPair.SourceConnectionString;

    public static string Target => ServerPair.TargetConnectionString;
}
