using MySqlConnector;

namespace FlexMigrate.Core.Precheck;

/// <summary>An open connection to one of the two servers, with the name findings use for it.</summary>
internal sealed class ServerConnection(string role, string endpoint, MySqlConnection connection) : IAsyncDisposable
{
    public string Role { get; } = role;

    public string Endpoint { get; } = endpoint;

    public MySqlConnection Connection { get; } = connection;

    public string Label => $"{Role} {Endpoint}";

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}

/// <summary>
/// Opens and inspects the servers, turning every failure into an error finding that names the server and says
/// what to do (the precheck must report a bad password, not crash on it).
/// </summary>
internal static class ServerConnector
{
    /// <summary>MySQL error 1045 ER_ACCESS_DENIED_ERROR, 1044 ER_DBACCESS_DENIED_ERROR, 1698 ER_ACCESS_DENIED_NO_PASSWORD_ERROR.</summary>
    private static readonly HashSet<MySqlErrorCode> LoginErrors =
        [MySqlErrorCode.AccessDenied, MySqlErrorCode.DatabaseAccessDenied, (MySqlErrorCode)1698];

    public static async Task<ServerConnection?> OpenAsync(
        string role, string connectionString, List<PrecheckFinding> findings, CancellationToken cancellationToken)
    {
        MySqlConnectionStringBuilder builder;
        try
        {
            builder = new MySqlConnectionStringBuilder(connectionString) { AllowUserVariables = true };
        }
        catch (ArgumentException ex)
        {
            findings.Add(new PrecheckFinding("connectivity.connection-string", PrecheckSeverity.Error, role,
                $"The {role} connection string is not valid: {ex.Message}",
                "Nothing can be checked or migrated without a connection.",
                "Use the MySqlConnector form: Server=host;Port=3306;User ID=user;Password=...;SslMode=Required"));
            return null;
        }

        var endpoint = $"{builder.Server}:{builder.Port}";
        var connection = new MySqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return new ServerConnection(role, endpoint, connection);
        }
        catch (MySqlException ex)
        {
            await connection.DisposeAsync();
            findings.Add(LoginErrors.Contains(ex.ErrorCode)
                ? new PrecheckFinding("connectivity.login", PrecheckSeverity.Error, $"{role} {endpoint}",
                    $"The {role} server refused user '{builder.UserID}': {ex.Message}",
                    "Nothing can be checked or migrated without a login.",
                    "Check the user name and password; on Azure Single Server the user is 'user@servername'. " +
                    "Make sure the account exists for the client's host (CREATE USER 'user'@'%').")
                : new PrecheckFinding("connectivity.reachable", PrecheckSeverity.Error, $"{role} {endpoint}",
                    $"Cannot connect to the {role} server at {endpoint}: {ex.Message}",
                    "Nothing can be checked or migrated without a connection.",
                    "Check host and port, that the server runs, and the firewall: on Azure add a firewall rule for this " +
                    "client's IP (or use private networking); if the server requires TLS add SslMode=Required."));
            return null;
        }
    }

    public static async Task<ServerFacts?> InspectAsync(
        ServerConnection? server, IReadOnlyList<string> databases, IReadOnlyDictionary<string, string>? parameters,
        List<PrecheckFinding> findings, CancellationToken cancellationToken)
    {
        if (server is null)
        {
            return null;
        }

        try
        {
            return await ServerInspector.ReadAsync(server.Connection, server.Role, server.Endpoint, databases, parameters, cancellationToken);
        }
        catch (Exception ex) when (ex is MySqlException or FormatException or InvalidCastException)
        {
            findings.Add(InspectFailed(server.Label, ex));
            return null;
        }
    }

    public static async Task<SchemaFacts?> ReadSchemaAsync(
        ServerConnection source, PrecheckRequest request, List<PrecheckFinding> findings, CancellationToken cancellationToken)
    {
        try
        {
            return await SchemaInspector.ReadAsync(source.Connection, request.Databases,
                new TableFilter(request.IncludeTables, request.ExcludeTables), cancellationToken);
        }
        catch (Exception ex) when (ex is MySqlException or InvalidCastException)
        {
            findings.Add(InspectFailed(source.Label, ex));
            return null;
        }
    }

    private static PrecheckFinding InspectFailed(string label, Exception ex) =>
        new("connectivity.inspect", PrecheckSeverity.Error, label,
            $"Connected, but reading the server's settings and catalog failed: {ex.Message}",
            "The precheck (and the migration) read information_schema and SHOW VARIABLES/GRANTS.",
            "Grant the user at least SELECT on the databases to migrate; run the precheck with the migration's own user.");
}
