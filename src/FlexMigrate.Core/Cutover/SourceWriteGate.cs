using MySqlConnector;
using FlexMigrate.Core.Testing;

namespace FlexMigrate.Core.Cutover;

/// <summary>
/// Stops and resumes writes on the source at cutover through the global read_only switch.
/// read_only blocks writes from accounts without SUPER (MySQL) or READ_ONLY ADMIN (MariaDB 10.11); accounts with
/// those privileges can still write (https://mariadb.com/kb/en/server-system-variables/#read_only), which is why the
/// application accounts must not hold them. Setting it waits for running transactions that hold table locks, so a
/// lock wait timeout bounds it instead of hanging the cutover.
/// </summary>
public sealed class SourceWriteGate(string connectionString)
{
    /// <summary>Seconds SET GLOBAL read_only may wait for running transactions and table locks.</summary>
    public const int LockWaitSeconds = 20;

    /// <summary>The source's global read_only now.</summary>
    public async Task<bool> IsReadOnlyAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new MySqlCommand("SELECT @@GLOBAL.read_only", connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) != 0;
    }

    /// <summary>Sets read_only to <paramref name="readOnly"/> (idempotent).</summary>
    /// <exception cref="UserActionRequiredException">The account may not change read_only, or running transactions
    /// held their locks past <see cref="LockWaitSeconds"/>.</exception>
    public async Task SetReadOnlyAsync(bool readOnly, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        try
        {
            await using var timeout = new MySqlCommand($"SET SESSION lock_wait_timeout = {LockWaitSeconds}", connection);
            await timeout.ExecuteNonQueryAsync(cancellationToken);
            await using var command = new MySqlCommand($"SET GLOBAL read_only = {(readOnly ? "ON" : "OFF")}", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
            // Crash tests stop here: the source read-only (cutover) or writable again (undo), not yet acknowledged.
            await PausePoint.ReachAsync(readOnly ? "cutover-stop-writes" : "cutover-resume-writes", cancellationToken);
        }
        catch (MySqlException ex) when (ex.ErrorCode is MySqlErrorCode.SpecifiedAccessDeniedError or MySqlErrorCode.AccessDenied)
        {
            throw new UserActionRequiredException(
                $"Source server {Server}: the migration account may not set read_only ({ex.Message}). Grant it SUPER (MySQL 5.x), "
                + "SYSTEM_VARIABLES_ADMIN (MySQL 8) or READ_ONLY ADMIN (MariaDB); on Azure Single Server set the server parameter "
                + "read_only in the portal instead; or stop the applications yourself and cut over with stop-writes 'confirmed'.", ex);
        }
        catch (MySqlException ex) when (ex.ErrorCode == MySqlErrorCode.LockWaitTimeout)
        {
            throw new UserActionRequiredException(
                $"Source server {Server}: read_only could not be set within {LockWaitSeconds} s because running transactions or "
                + "table locks held on; finish or stop them (SHOW PROCESSLIST) and retry the cutover.", ex);
        }
    }

    private string Server => new MySqlConnectionStringBuilder(connectionString) is var b ? $"{b.Server}:{b.Port}" : "";

    private async Task<MySqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
