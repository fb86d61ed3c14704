using System.Globalization;
using FlexMigrate.Core.Binlog;
using MySqlConnector;

namespace FlexMigrate.Core.Replication;

/// <summary>
/// The replay checkpoint on the target: one row per migration in
/// <c>flexmigrate_state.replication_checkpoint(migration_id PK, binlog_file, binlog_pos, gtid, applied_at, transactions)</c>,
/// InnoDB, written in the same target transaction as the rows it covers, so a crash never separates the data from
/// the position (replay restarts exactly after the last committed group). The state database is never in a
/// migration's scope; nothing in FlexMigrate lists all databases, so validation and schema code never see it.
/// </summary>
internal static class CheckpointStore
{
    public const string Database = "flexmigrate_state";
    public const string Table = "replication_checkpoint";
    private const string Qualified = "`" + Database + "`.`" + Table + "`";

    public static async Task EnsureAsync(MySqlConnection target, CancellationToken cancellationToken)
    {
        await ExecAsync(target, null, $"CREATE DATABASE IF NOT EXISTS `{Database}`", cancellationToken).ConfigureAwait(false);
        await ExecAsync(target, null, $"""
            CREATE TABLE IF NOT EXISTS {Qualified} (
              migration_id VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
              binlog_file VARCHAR(255) NOT NULL,
              binlog_pos BIGINT UNSIGNED NOT NULL,
              gtid TEXT NULL,
              applied_at DATETIME(6) NOT NULL,
              transactions BIGINT UNSIGNED NOT NULL DEFAULT 0
            ) ENGINE=InnoDB
            """, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<ReplicationCheckpoint?> ReadAsync(MySqlConnection target, string migrationId, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(
            $"SELECT binlog_file, binlog_pos, gtid FROM {Qualified} WHERE migration_id = @id", target);
        command.Parameters.AddWithValue("@id", migrationId);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            return new ReplicationCheckpoint(
                new BinlogPosition(reader.GetString(0), Convert.ToUInt64(reader.GetValue(1), CultureInfo.InvariantCulture)),
                reader.IsDBNull(2) ? null : reader.GetString(2));
        }
        catch (MySqlException ex) when (ex.ErrorCode is MySqlErrorCode.NoSuchTable or MySqlErrorCode.UnknownDatabase)
        {
            return null;
        }
    }

    /// <summary>Upserts the row inside <paramref name="transaction"/>; <paramref name="transactions"/> adds to the running count.</summary>
    public static async Task WriteAsync(MySqlConnection target, MySqlTransaction? transaction, string migrationId, ReplicationCheckpoint checkpoint,
        long transactions, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand($"""
            INSERT INTO {Qualified} (migration_id, binlog_file, binlog_pos, gtid, applied_at, transactions)
            VALUES (@id, @file, @pos, @gtid, UTC_TIMESTAMP(6), @n)
            ON DUPLICATE KEY UPDATE binlog_file = VALUES(binlog_file), binlog_pos = VALUES(binlog_pos), gtid = VALUES(gtid),
              applied_at = VALUES(applied_at), transactions = transactions + VALUES(transactions)
            """, target, transaction);
        command.Parameters.AddWithValue("@id", migrationId);
        command.Parameters.AddWithValue("@file", checkpoint.Position.File);
        command.Parameters.AddWithValue("@pos", checkpoint.Position.Offset);
        command.Parameters.AddWithValue("@gtid", checkpoint.Gtid);
        command.Parameters.AddWithValue("@n", transactions);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the migration's row, then the state database when no other migration has a row in it.</summary>
    public static async Task DropAsync(MySqlConnection target, string migrationId, CancellationToken cancellationToken)
    {
        try
        {
            await using (var delete = new MySqlCommand($"DELETE FROM {Qualified} WHERE migration_id = @id", target))
            {
                delete.Parameters.AddWithValue("@id", migrationId);
                await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using var count = new MySqlCommand($"SELECT COUNT(*) FROM {Qualified}", target);
            var left = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
            if (left > 0)
            {
                return;
            }

            await using var objects = new MySqlCommand(
                "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = @db AND TABLE_NAME <> @t", target);
            objects.Parameters.AddWithValue("@db", Database);
            objects.Parameters.AddWithValue("@t", Table);
            if (Convert.ToInt64(await objects.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) == 0)
            {
                await ExecAsync(target, null, $"DROP DATABASE IF EXISTS `{Database}`", cancellationToken).ConfigureAwait(false);
            }
        }
        catch (MySqlException ex) when (ex.ErrorCode is MySqlErrorCode.NoSuchTable or MySqlErrorCode.UnknownDatabase)
        {
            // Nothing stored: already dropped.
        }
    }

    private static async Task ExecAsync(MySqlConnection connection, MySqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
