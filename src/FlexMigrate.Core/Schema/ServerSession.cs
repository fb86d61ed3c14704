using MySqlConnector;

namespace FlexMigrate.Core.Schema;

/// <summary>
/// A connection to the source or target set up for schema work: sql_mode NO_ENGINE_SUBSTITUTION only (SHOW CREATE
/// output is printed for, and replayed under, the same mode: no ANSI_QUOTES, no NO_*_OPTIONS stripping, no zero-date
/// refusal of defaults the source accepted, and an unknown engine fails instead of being silently substituted),
/// time_zone '+00:00' (TIMESTAMP defaults print and parse in UTC on both sides), foreign_key_checks=0 (tables and
/// cross-database foreign keys can be created in any order). Errors are rewrapped naming the server.
/// </summary>
internal sealed class ServerSession : IAsyncDisposable
{
    public const string SchemaSqlMode = "NO_ENGINE_SUBSTITUTION";

    private const string SessionSetup =
        "SET SESSION sql_mode='" + SchemaSqlMode + "', time_zone='+00:00', foreign_key_checks=0, sql_quote_show_create=1, NAMES utf8mb4";

    private ServerSession(MySqlConnection connection, string role, string server)
    {
        Connection = connection;
        Role = role;
        Server = server;
    }

    public MySqlConnection Connection { get; }

    /// <summary>"source" or "target".</summary>
    public string Role { get; }

    /// <summary>host:port, for messages (never the connection string: it may hold a password).</summary>
    public string Server { get; }

    public string Describe => $"{Role} server {Server}";

    public static string ServerOf(string connectionString)
    {
        var csb = new MySqlConnectionStringBuilder(connectionString);
        return $"{csb.Server}:{csb.Port}";
    }

    public static async Task<ServerSession> OpenAsync(string connectionString, string role, CancellationToken ct)
    {
        var server = ServerOf(connectionString);
        // DDL bodies use user variables (SET @x = 1 in a trigger): without this MySqlConnector takes them for missing
        // command parameters and refuses the statement before it reaches the server.
        var csb = new MySqlConnectionStringBuilder(connectionString) { AllowUserVariables = true };
        var connection = new MySqlConnection(csb.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            await using var cmd = new MySqlCommand(SessionSetup, connection);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        catch (MySqlException ex)
        {
            await connection.DisposeAsync();
            throw new SchemaMigrationException(ConnectFailure(role, server, ex), null, ex.Number, ex);
        }

        return new ServerSession(connection, role, server);
    }

    public async Task UseDatabaseAsync(string database, CancellationToken ct)
    {
        if (Connection.Database != database)
        {
            await Connection.ChangeDatabaseAsync(database, ct);
        }
    }

    public async Task ExecuteAsync(string sql, CancellationToken ct)
    {
        await using var cmd = new MySqlCommand(sql, Connection) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public Task<List<DbRow>> QueryAsync(string sql, CancellationToken ct, params (string Name, object? Value)[] parameters) =>
        DbRow.QueryAsync(Connection, null, sql, ct, parameters);

    /// <summary>
    /// Runs <paramref name="read"/> with character_set_results = binary: string values arrive as the bytes the server
    /// stores (a stored object's definition in its creating client's character set; information_schema text as UTF-8),
    /// with no conversion that could turn a byte into '?' (as mysqldump reads SHOW CREATE output).
    /// </summary>
    public async Task<T> WithBinaryResultsAsync<T>(Func<Task<T>> read, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(read);
        await ExecuteAsync("SET SESSION character_set_results = binary", ct);
        try
        {
            return await read();
        }
        finally
        {
            await ExecuteAsync("SET SESSION character_set_results = utf8mb4", ct);
        }
    }

    public async Task<string> ScalarTextAsync(string sql, CancellationToken ct)
    {
        await using var cmd = new MySqlCommand(sql, Connection);
        return Convert.ToString(await cmd.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();

    private static string ConnectFailure(string role, string server, MySqlException ex) => ex.ErrorCode switch
    {
        MySqlErrorCode.AccessDenied =>
            $"The {role} server {server} refused the login: {ex.Message}. Check the user name and password in the {role} connection string.",
        MySqlErrorCode.UnableToConnectToHost =>
            $"Cannot reach the {role} server {server}: {ex.Message}. Check the host, port and firewall rules.",
        _ => $"Cannot open a session on the {role} server {server}: {ex.Message} (error {ex.Number}).",
    };
}
