using System.Globalization;
using MySqlConnector;

namespace FlexMigrate.Core.Throttling;

/// <summary>
/// Reads what the throttle conditions compare: global status counters (SHOW GLOBAL STATUS) and a replica's lag
/// (SHOW SLAVE STATUS, Seconds_Behind_Master; SHOW REPLICA STATUS where the old form is gone, MySQL 8.4). One short
/// unpooled session per read, so a throttled or hibernating migration keeps no idle connection open on the servers.
/// </summary>
public static class ServerLoadSampler
{
    /// <summary>The current values of <paramref name="variables"/> on the server.</summary>
    /// <exception cref="UserActionRequiredException">A variable the server does not report (misspelled?).</exception>
    public static async Task<IReadOnlyDictionary<string, double>> ReadStatusAsync(string connectionString, IReadOnlyCollection<string> variables,
        CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        if (variables.Count == 0)
        {
            return values;
        }

        await using var connection = await OpenAsync(connectionString, cancellationToken).ConfigureAwait(false);
        var names = string.Join(", ", variables.Select((_, i) => $"@v{i}"));
        await using var command = new MySqlCommand($"SHOW GLOBAL STATUS WHERE Variable_name IN ({names})", connection);
        var index = 0;
        foreach (var variable in variables)
        {
            command.Parameters.AddWithValue($"@v{index++}", variable);
        }

        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (double.TryParse(reader.GetString(1), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    values[reader.GetString(0)] = value;
                }
            }
        }

        if (variables.FirstOrDefault(v => !values.ContainsKey(v)) is { } missing)
        {
            throw new UserActionRequiredException(
                $"Server {Describe(connectionString)} reports no numeric global status variable '{missing}': name a counter SHOW GLOBAL STATUS lists, e.g. Threads_running=25.");
        }

        return values;
    }

    /// <summary>The replica's lag in seconds; null when its replication is stopped (Seconds_Behind_Master is NULL).</summary>
    /// <exception cref="UserActionRequiredException">The server is not a replica.</exception>
    public static async Task<double?> ReadReplicaLagAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(connectionString, cancellationToken).ConfigureAwait(false);
        MySqlDataReader reader;
        try
        {
            reader = await new MySqlCommand("SHOW SLAVE STATUS", connection).ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (MySqlException ex) when (ex.ErrorCode == MySqlErrorCode.ParseError)
        {
            reader = await new MySqlCommand("SHOW REPLICA STATUS", connection).ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (reader)
        {
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new UserActionRequiredException(
                    $"Server {Describe(connectionString)} given in --throttle-replicas is not a replica (SHOW SLAVE STATUS is empty): name the source's read replicas only.");
            }

            var column = Column(reader, "Seconds_Behind_Master") ?? Column(reader, "Seconds_Behind_Source");
            return column is { } ordinal && !reader.IsDBNull(ordinal) ? Convert.ToDouble(reader.GetValue(ordinal), CultureInfo.InvariantCulture) : null;
        }
    }

    /// <summary>host:port of a connection string, for messages (never the password).</summary>
    public static string Describe(string connectionString)
    {
        var csb = new MySqlConnectionStringBuilder(connectionString);
        return string.Create(CultureInfo.InvariantCulture, $"{csb.Server}:{csb.Port}");
    }

    private static int? Column(MySqlDataReader reader, string name)
    {
        for (var i = 0; i < reader.FieldCount; i++)
        {
            if (string.Equals(reader.GetName(i), name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return null;
    }

    private static async Task<MySqlConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var csb = new MySqlConnectionStringBuilder(connectionString) { Pooling = false, ConnectionTimeout = 10 };
        var connection = new MySqlConnection(csb.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
