using System.Globalization;
using MySqlConnector;

namespace FlexMigrate.Core.Ledger;

/// <summary>
/// Which server a migration talked to, as the server describes itself: enough to refuse a resume against another
/// server (a restored copy, a different replica, the wrong port), with no credential in it.
/// </summary>
/// <param name="Address">host:port as the user gave it (informational: the same server may be reached another way).</param>
/// <param name="ServerUuid">@@server_uuid (MySQL 5.6+); null on MariaDB, which has none.</param>
/// <param name="ServerId">@@server_id.</param>
/// <param name="Hostname">@@hostname.</param>
/// <param name="Port">@@port (the server's own, which a proxy or tunnel does not change).</param>
public sealed record ServerIdentity(string Address, string? ServerUuid, long ServerId, string Hostname, int Port)
{
    /// <summary>
    /// Same server: equal @@server_uuid when both have one (it survives a restart and differs on every clone made
    /// without copying auto.cnf, which Azure never copies), else equal server_id, hostname and port.
    /// </summary>
    public bool IsSameServer(ServerIdentity other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (ServerUuid is not null && other.ServerUuid is not null)
        {
            return string.Equals(ServerUuid, other.ServerUuid, StringComparison.OrdinalIgnoreCase);
        }

        return ServerId == other.ServerId && string.Equals(Hostname, other.Hostname, StringComparison.OrdinalIgnoreCase) && Port == other.Port;
    }

    /// <summary>For messages: "127.0.0.1:3306 (server_uuid 3e1..., hostname db1, port 3306, server_id 1)".</summary>
    public override string ToString() =>
        $"{Address} ({(ServerUuid is null ? "" : $"server_uuid {ServerUuid}, ")}hostname {Hostname}, port {Port}, server_id {ServerId})";

    /// <summary>Reads the identity of the server behind <paramref name="connection"/>.</summary>
    public static async Task<ServerIdentity> ReadAsync(MySqlConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var builder = new MySqlConnectionStringBuilder(connection.ConnectionString);
        long serverId;
        string hostname;
        int port;
        await using (var command = new MySqlCommand("SELECT @@server_id, @@hostname, @@port", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            serverId = Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture);
            hostname = reader.GetString(1);
            port = Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture);
        }

        return new ServerIdentity($"{builder.Server}:{builder.Port}", await ReadUuidAsync(connection, cancellationToken).ConfigureAwait(false),
            serverId, hostname, port);
    }

    private static async Task<string?> ReadUuidAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = new MySqlCommand("SELECT @@server_uuid", connection);
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        }
        catch (MySqlException ex) when (ex.ErrorCode == MySqlErrorCode.UnknownSystemVariable)
        {
            // MariaDB has no server_uuid; server_id, hostname and port identify it.
            return null;
        }
    }
}
