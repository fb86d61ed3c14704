using FlexMigrate.Core.Binlog;
using FlexMigrate.Core.Copy;
using FlexMigrate.Core.Sql;
using MySqlConnector;

namespace FlexMigrate.Core.Replication;

/// <summary>The applier's target session and the errors that mean it is gone (the run is retried from the checkpoint).</summary>
internal static class ReplicationTargetSession
{
    // Errors after which the session is gone: killed (1927 MariaDB, 1317/1053 shutdown), lost (2006, 2013), 4031 idle timeout.
    private static readonly HashSet<int> LostConnectionErrors = [1053, 1317, 1927, 2006, 2013, 4031];

    /// <summary>True when <paramref name="ex"/> means a lost session rather than a failed statement.</summary>
    public static bool IsConnectionLoss(Exception ex) => ex switch
    {
        MySqlException m => LostConnectionErrors.Contains(m.Number) || m.InnerException is IOException or EndOfStreamException
            || m.ErrorCode is MySqlErrorCode.UnableToConnectToHost,
        InvalidOperationException when ex.Message.Contains("connection", StringComparison.OrdinalIgnoreCase) => true,
        BinlogConnectionLostException => true,
        Schema.SchemaMigrationException { InnerException: BinlogConnectionLostException } => true,
        IOException or EndOfStreamException => true,
        _ => false,
    };

    /// <summary>
    /// The applier's target session: UTC (TIMESTAMP values are UTC instants), the copy's permissive sql_mode (every
    /// value the source holds loads as it is), foreign_key_checks=0 (the target's foreign keys never act; cascades are
    /// emulated), unique_checks=1, READ COMMITTED (fewer gap locks while the orchestrator works beside it).
    /// </summary>
    public static async Task<MySqlConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var csb = new MySqlConnectionStringBuilder(connectionString) { AllowUserVariables = true, Pooling = false };
        var connection = new MySqlConnection(csb.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await ExecAsync(connection,
                $"SET SESSION time_zone = '+00:00', SESSION sql_mode = {SqlText.Literal(CopySessions.TargetSqlMode)}, SESSION foreign_key_checks = 0, " +
                "SESSION unique_checks = 1, SESSION net_read_timeout = 3600, SESSION net_write_timeout = 3600",
                cancellationToken).ConfigureAwait(false);
            await ExecAsync(connection, "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED", cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch (MySqlException ex) when (!LostConnectionErrors.Contains(ex.Number))
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new UserActionRequiredException(
                $"Cannot open the replication session on the target server {ReplicationApplier.Describe(connectionString)} as '{csb.UserID}': {ex.Message}. Check the host, port, user, password and firewall rules.", ex);
        }
    }

    private static async Task ExecAsync(MySqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
