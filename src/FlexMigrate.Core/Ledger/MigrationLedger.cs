using System.Text.Json;
using MySqlConnector;

namespace FlexMigrate.Core.Ledger;

/// <summary>
/// The migration row of the ledger (<see cref="LedgerSchema"/>): written when a migration starts, moved along its
/// phases, closed with its status; read back by resume to rebuild the run and to refuse a different one.
/// </summary>
public static class MigrationLedger
{
    /// <summary>
    /// Records a new migration. Idempotent for the same id (a retried activity): the first row stays.
    /// </summary>
    public static async Task BeginAsync(MySqlConnection target, string migrationId, string mode, MigrationIdentity identity, string requestJson,
        string phase, CancellationToken cancellationToken = default)
    {
        await LedgerSchema.EnsureAsync(target, cancellationToken).ConfigureAwait(false);
        await LedgerSql.ExecuteAsync(target, null, $"""
            INSERT IGNORE INTO {LedgerSchema.Migrations} (migration_id, mode, identity_json, request_json, phase, status, created_at, updated_at)
            VALUES (@id, @mode, @identity, @request, @phase, @status, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))
            """, cancellationToken,
            ("@id", migrationId), ("@mode", mode), ("@identity", JsonSerializer.Serialize(identity)), ("@request", requestJson),
            ("@phase", phase), ("@status", nameof(LedgerStatus.Running))).ConfigureAwait(false);
    }

    /// <summary>The migration, or null when the target has no ledger row for it.</summary>
    public static async Task<LedgerEntry?> ReadAsync(MySqlConnection target, string migrationId, CancellationToken cancellationToken = default)
    {
        var found = await QueryAsync(target, "WHERE migration_id = @id", cancellationToken, ("@id", migrationId)).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    /// <summary>Every migration recorded on the target, newest first.</summary>
    public static Task<IReadOnlyList<LedgerEntry>> ListAsync(MySqlConnection target, CancellationToken cancellationToken = default) =>
        QueryAsync(target, "", cancellationToken);

    /// <summary>Moves the migration to <paramref name="phase"/> (status back to running: a resumed run is running).</summary>
    public static Task SetPhaseAsync(MySqlConnection target, string migrationId, string phase, CancellationToken cancellationToken = default) =>
        LedgerSql.ExecuteAsync(target, null, $"""
            UPDATE {LedgerSchema.Migrations} SET phase = @phase, status = @status, updated_at = UTC_TIMESTAMP(6) WHERE migration_id = @id
            """, cancellationToken, ("@id", migrationId), ("@phase", phase), ("@status", nameof(LedgerStatus.Running)));

    /// <summary>Marks the migration running again (a resume), leaving its phase as recorded.</summary>
    public static Task MarkRunningAsync(MySqlConnection target, string migrationId, CancellationToken cancellationToken = default) =>
        FinishAsync(target, migrationId, LedgerStatus.Running, cancellationToken);

    /// <summary>Records how the migration ended.</summary>
    public static Task FinishAsync(MySqlConnection target, string migrationId, LedgerStatus status, CancellationToken cancellationToken = default) =>
        LedgerSql.ExecuteAsync(target, null, $"""
            UPDATE {LedgerSchema.Migrations} SET status = @status, updated_at = UTC_TIMESTAMP(6) WHERE migration_id = @id
            """, cancellationToken, ("@id", migrationId), ("@status", status.ToString()));

    /// <summary>
    /// Deletes everything the ledger holds about the migration (its row, plan, steps, runs) and its replication
    /// checkpoint, in one transaction: resume no longer lists it. The migrated data stays.
    /// </summary>
    public static async Task ForgetAsync(MySqlConnection target, string migrationId, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var transaction = await target.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            foreach (var table in new[] { LedgerSchema.Chunks, LedgerSchema.Steps, LedgerSchema.Runs, LedgerSchema.Migrations })
            {
                await LedgerSql.ExecuteAsync(target, transaction, $"DELETE FROM {table} WHERE migration_id = @id", cancellationToken, ("@id", migrationId))
                    .ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (MySqlException ex) when (LedgerSql.IsMissing(ex))
        {
            // No ledger: nothing to forget.
        }

        await Replication.CheckpointStore.DropAsync(target, migrationId, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<LedgerEntry>> QueryAsync(MySqlConnection target, string where, CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
    {
        var entries = new List<LedgerEntry>();
        try
        {
            await using var command = LedgerSql.Command(target, null, $"""
                SELECT migration_id, mode, identity_json, request_json, phase, status, created_at, updated_at
                FROM {LedgerSchema.Migrations} {where} ORDER BY created_at DESC, migration_id
                """, parameters);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                entries.Add(new LedgerEntry(
                    reader.GetString(0),
                    reader.GetString(1),
                    JsonSerializer.Deserialize<MigrationIdentity>(reader.GetString(2))
                        ?? throw new InvalidDataException($"Ledger row {reader.GetString(0)} has an empty identity."),
                    reader.GetString(3),
                    reader.GetString(4),
                    Enum.Parse<LedgerStatus>(reader.GetString(5)),
                    DateTime.SpecifyKind(reader.GetDateTime(6), DateTimeKind.Utc),
                    DateTime.SpecifyKind(reader.GetDateTime(7), DateTimeKind.Utc)));
            }
        }
        catch (MySqlException ex) when (LedgerSql.IsMissing(ex))
        {
            // No ledger on this target: no migration ever ran here.
        }

        return entries;
    }
}
