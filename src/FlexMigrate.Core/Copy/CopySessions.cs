using FlexMigrate.Core.Sql;
using MySqlConnector;

namespace FlexMigrate.Core.Copy;

/// <summary>
/// Opens the source and target sessions of a copy with the settings a faithful load needs, none of which needs
/// SUPER (Azure Flexible Server grants none, and refuses SET sql_log_bin).
/// </summary>
internal static class CopySessions
{
    /// <summary>
    /// Target sql_mode: permissive so every value the source holds loads as it is (zero and partial zero dates,
    /// invalid dates a lax source kept), with NO_AUTO_VALUE_ON_ZERO so an AUTO_INCREMENT column keeps a stored 0.
    /// Values the target cannot hold still surface: the copier checks LOAD DATA's warnings.
    /// </summary>
    public const string TargetSqlMode = "NO_AUTO_VALUE_ON_ZERO,ALLOW_INVALID_DATES,NO_ENGINE_SUBSTITUTION";

    /// <summary>
    /// Source session: UTC so TIMESTAMP text is the stored instant; no PAD_CHAR_TO_FULL_LENGTH; a long
    /// net_write_timeout because a streaming SELECT waits while the target loads (default 60 s would cut it).
    /// </summary>
    public static async Task<MySqlConnection> OpenSourceAsync(string connectionString, CancellationToken cancellationToken)
    {
        var builder = new MySqlConnectionStringBuilder(connectionString);
        var connection = await OpenAsync(builder, "source", cancellationToken);
        await ExecuteAsync(connection,
            "SET SESSION time_zone = '+00:00', SESSION sql_mode = 'NO_ENGINE_SUBSTITUTION', " +
            "SESSION net_write_timeout = 3600, SESSION net_read_timeout = 3600", cancellationToken);
        return connection;
    }

    /// <summary>
    /// Target session for LOAD DATA LOCAL (AllowLoadLocalInfile is forced on the client side). unique_checks stays
    /// 1: on MariaDB 10.6+ unique_checks=0 with foreign_key_checks=0 turns an insert into an empty table into a
    /// "bulk insert" holding an exclusive table lock (MDEV-515); parallel chunks of one table then deadlock, and on
    /// 10.11 we saw the server wedge for good (other chunks' range estimates stuck, unkillable; mydumper dropped
    /// unique_checks=0 for MariaDB for the same reason, mydumper#987). Tables are loaded before their secondary
    /// indexes exist, so unique_checks=0 would save nothing anyway.
    /// </summary>
    public static async Task<MySqlConnection> OpenTargetAsync(string connectionString, CancellationToken cancellationToken)
    {
        var builder = new MySqlConnectionStringBuilder(connectionString) { AllowLoadLocalInfile = true };
        var connection = await OpenAsync(builder, "target", cancellationToken);
        await ExecuteAsync(connection,
            $"SET SESSION time_zone = '+00:00', SESSION sql_mode = {SqlText.Literal(TargetSqlMode)}, SESSION foreign_key_checks = 0, " +
            "SESSION unique_checks = 1, SESSION net_read_timeout = 3600, SESSION net_write_timeout = 3600", cancellationToken);
        return connection;
    }

    public static async Task ExecuteAsync(MySqlConnection connection, string sql, CancellationToken cancellationToken,
        MySqlTransaction? transaction = null)
    {
        await using var command = new MySqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<T> ScalarAsync<T>(MySqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(sql, connection) { CommandTimeout = 0 };
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return (T)Convert.ChangeType(value!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<MySqlConnection> OpenAsync(MySqlConnectionStringBuilder builder, string role,
        CancellationToken cancellationToken)
    {
        var connection = new MySqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch (MySqlException ex)
        {
            await connection.DisposeAsync();
            throw new CopyException(
                $"Cannot connect to the {role} server {builder.Server}:{builder.Port} as '{builder.UserID}': {ex.Message}. " +
                "Check the host, port, user, password and firewall rules.", ex);
        }
    }
}
