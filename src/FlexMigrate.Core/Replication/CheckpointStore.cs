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
/// The window_* columns hold the parallel applier's open <see cref="ApplyWindow"/> (NULL, or ending at or before the
/// checkpoint, when none is open).
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
              transactions BIGINT UNSIGNED NOT NULL DEFAULT 0,
              {WindowColumns}
            ) ENGINE=InnoDB
            """, cancellationToken).ConfigureAwait(false);
        if (!await HasWindowColumnsAsync(target, cancellationToken).ConfigureAwait(false))
        {
            // A table made by a version without parallel apply (a migration resumed after an upgrade).
            await ExecAsync(target, null, $"ALTER TABLE {Qualified} ADD COLUMN ({WindowColumns})", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The parallel applier's window open after the stored checkpoint, or null (none, or one the checkpoint has passed).
    /// </summary>
    public static async Task<ApplyWindow?> ReadOpenWindowAsync(MySqlConnection target, string migrationId, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(
            $"SELECT binlog_file, binlog_pos, gtid, window_file, window_pos, window_gtid, window_count, window_done FROM {Qualified} WHERE migration_id = @id",
            target);
        command.Parameters.AddWithValue("@id", migrationId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false) || reader.IsDBNull(3))
        {
            return null;
        }

        var window = new ApplyWindow(
            new ReplicationCheckpoint(Position(reader, 0), reader.IsDBNull(2) ? null : reader.GetString(2)),
            new ReplicationCheckpoint(Position(reader, 3), reader.IsDBNull(5) ? null : reader.GetString(5)),
            reader.GetInt32(6),
            ParseDone(reader.IsDBNull(7) ? "" : reader.GetString(7)));
        return window.End.Position > window.Start.Position ? window : null;
    }

    /// <summary>
    /// Records one lane's share of <paramref name="window"/> inside the lane's <paramref name="transaction"/>: the
    /// row is locked (lanes of a window commit one after another), the lane's transactions join the window's done set,
    /// and when that completes the window the checkpoint moves to its end. True when this share completed it.
    /// </summary>
    public static async Task<bool> WriteWindowShareAsync(MySqlConnection target, MySqlTransaction transaction, string migrationId, ApplyWindow window,
        IReadOnlyCollection<BinlogPosition> share, CancellationToken cancellationToken)
    {
        var done = new HashSet<BinlogPosition>(window.Done);
        await using (var read = new MySqlCommand(
            $"SELECT binlog_file, binlog_pos, window_file, window_pos, window_done FROM {Qualified} WHERE migration_id = @id FOR UPDATE", target, transaction))
        {
            read.Parameters.AddWithValue("@id", migrationId);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false) || Position(reader, 0) != window.Start.Position)
            {
                throw new InvalidOperationException(
                    $"The replication checkpoint of migration '{migrationId}' moved while its lanes applied a window from {window.Start.Position}: " +
                    "another replication process runs for the same migration id. Stop it and resume.");
            }

            if (!reader.IsDBNull(2) && Position(reader, 2) == window.End.Position && !reader.IsDBNull(4))
            {
                done.UnionWith(ParseDone(reader.GetString(4)));
            }
        }

        done.UnionWith(share);
        var complete = done.Count >= window.Count;
        var (checkpoint, open) = complete ? (window.End, null) : (window.Start, window with { Done = done });
        await using var write = new MySqlCommand($"""
            UPDATE {Qualified} SET binlog_file = @file, binlog_pos = @pos, gtid = @gtid, applied_at = UTC_TIMESTAMP(6),
              transactions = transactions + @n, window_file = @wfile, window_pos = @wpos, window_gtid = @wgtid, window_count = @wcount,
              window_done = @wdone
            WHERE migration_id = @id
            """, target, transaction);
        write.Parameters.AddWithValue("@id", migrationId);
        write.Parameters.AddWithValue("@file", checkpoint.Position.File);
        write.Parameters.AddWithValue("@pos", checkpoint.Position.Offset);
        write.Parameters.AddWithValue("@gtid", checkpoint.Gtid);
        write.Parameters.AddWithValue("@n", share.Count);
        write.Parameters.AddWithValue("@wfile", open?.End.Position.File);
        write.Parameters.AddWithValue("@wpos", open?.End.Position.Offset);
        write.Parameters.AddWithValue("@wgtid", open?.End.Gtid);
        write.Parameters.AddWithValue("@wcount", open?.Count);
        write.Parameters.AddWithValue("@wdone", open is null ? null : string.Join('\n', open.Done.Select(p => p.ToString())));
        await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return complete;
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
        await using var command = new MySqlCommand(UpsertSql, target, transaction);
        AddUpsertParameters(command.Parameters, migrationId, checkpoint, transactions);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The same upsert as <see cref="WriteAsync"/>, as a statement for the group's pipelined flush (the rows and the
    /// checkpoint reach the server in one round trip, still inside the group's transaction).
    /// </summary>
    public static MySqlBatchCommand WriteCommand(string migrationId, ReplicationCheckpoint checkpoint, long transactions)
    {
        var command = new MySqlBatchCommand(UpsertSql);
        AddUpsertParameters(command.Parameters, migrationId, checkpoint, transactions);
        return command;
    }

    private const string UpsertSql = $"""
        INSERT INTO {Qualified} (migration_id, binlog_file, binlog_pos, gtid, applied_at, transactions)
        VALUES (@id, @file, @pos, @gtid, UTC_TIMESTAMP(6), @n)
        ON DUPLICATE KEY UPDATE binlog_file = VALUES(binlog_file), binlog_pos = VALUES(binlog_pos), gtid = VALUES(gtid),
          applied_at = VALUES(applied_at), transactions = transactions + VALUES(transactions)
        """;

    private static void AddUpsertParameters(MySqlParameterCollection parameters, string migrationId, ReplicationCheckpoint checkpoint, long transactions)
    {
        parameters.AddWithValue("@id", migrationId);
        parameters.AddWithValue("@file", checkpoint.Position.File);
        parameters.AddWithValue("@pos", checkpoint.Position.Offset);
        parameters.AddWithValue("@gtid", checkpoint.Gtid);
        parameters.AddWithValue("@n", transactions);
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

            // A locking read under REPEATABLE READ waits for other migrations' uncommitted first rows and blocks new
            // ones until the DROP's implicit commit, so a migration starting beside this one keeps its state.
            await ExecAsync(target, null, "SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ", cancellationToken).ConfigureAwait(false);
            await using var transaction = await target.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using var count = new MySqlCommand($"SELECT COUNT(*) FROM {Qualified} FOR UPDATE", target, transaction);
            var left = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
            if (left > 0)
            {
                return;
            }

            await using var objects = new MySqlCommand(
                "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = @db AND TABLE_NAME <> @t", target, transaction);
            objects.Parameters.AddWithValue("@db", Database);
            objects.Parameters.AddWithValue("@t", Table);
            if (Convert.ToInt64(await objects.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) == 0)
            {
                await ExecAsync(target, transaction, $"DROP DATABASE IF EXISTS `{Database}`", cancellationToken).ConfigureAwait(false);
            }
        }
        catch (MySqlException ex) when (ex.ErrorCode is MySqlErrorCode.NoSuchTable or MySqlErrorCode.UnknownDatabase)
        {
            // Nothing stored: already dropped.
        }
    }

    // Window columns (see ApplyWindow); window_done lists committed transactions' end positions, one file:offset a line.
    private const string WindowColumns =
        "window_file VARCHAR(255) NULL, window_pos BIGINT UNSIGNED NULL, window_gtid TEXT NULL, window_count INT NULL, window_done MEDIUMTEXT NULL";

    private static async Task<bool> HasWindowColumnsAsync(MySqlConnection target, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(
            "SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = @db AND TABLE_NAME = @t AND COLUMN_NAME = 'window_done'", target);
        command.Parameters.AddWithValue("@db", Database);
        command.Parameters.AddWithValue("@t", Table);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) > 0;
    }

    private static BinlogPosition Position(MySqlDataReader reader, int ordinal) =>
        new(reader.GetString(ordinal), Convert.ToUInt64(reader.GetValue(ordinal + 1), CultureInfo.InvariantCulture));

    private static HashSet<BinlogPosition> ParseDone(string text) =>
        [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(BinlogPosition.Parse)];

    private static async Task ExecAsync(MySqlConnection connection, MySqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
