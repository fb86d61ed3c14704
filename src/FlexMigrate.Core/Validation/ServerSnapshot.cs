using MySqlConnector;

namespace FlexMigrate.Core.Validation;

/// <summary>
/// One connection to one server inside START TRANSACTION WITH CONSISTENT SNAPSHOT (REPEATABLE READ, read only), with
/// time_zone +00:00 so TIMESTAMP values read the same on both servers. A chunk and all of its drill-down queries run in
/// one snapshot per side, so the drill-down sees exactly the rows the chunk aggregate saw.
/// </summary>
internal sealed class ServerSnapshot : IAsyncDisposable
{
    private readonly MySqlConnection _connection;
    private readonly int _timeoutSeconds;

    private ServerSnapshot(MySqlConnection connection, string side, int timeoutSeconds)
    {
        _connection = connection;
        Side = side;
        _timeoutSeconds = timeoutSeconds;
    }

    /// <summary>"source" or "target", for messages.</summary>
    public string Side { get; }

    public static async Task<ServerSnapshot> OpenAsync(string connectionString, string side, int timeoutSeconds, CancellationToken cancellationToken)
    {
        var connection = await OpenConnectionAsync(connectionString, side, cancellationToken);
        var snapshot = new ServerSnapshot(connection, side, timeoutSeconds);
        try
        {
            await snapshot.ExecuteAsync("SET SESSION time_zone = '+00:00'", cancellationToken);
            await snapshot.ExecuteAsync("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ", cancellationToken);
            await snapshot.ExecuteAsync("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY", cancellationToken);
            return snapshot;
        }
        catch
        {
            await snapshot.DisposeAsync();
            throw;
        }
    }

    /// <summary>Opens a plain connection, naming the side and server in the error when it fails.</summary>
    public static async Task<MySqlConnection> OpenConnectionAsync(string connectionString, string side, CancellationToken cancellationToken)
    {
        var connection = new MySqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch (MySqlException ex)
        {
            await connection.DisposeAsync();
            var builder = new MySqlConnectionStringBuilder(connectionString);
            throw new InvalidOperationException(
                $"Cannot connect to the {side} server {builder.Server}:{builder.Port} as '{builder.UserID}': {ex.Message} " +
                "Check the connection string, that the server is reachable and that the user may log in.", ex);
        }
    }

    public async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(sql, _connection) { CommandTimeout = _timeoutSeconds };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Runs a query and maps each row.</summary>
    public async Task<List<T>> QueryAsync<T>(SqlQuery query, Func<MySqlDataReader, T> map, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(query.Text, _connection) { CommandTimeout = _timeoutSeconds };
        foreach (var (name, value) in query.Parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
    }
}
