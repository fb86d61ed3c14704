using System.Globalization;
using MySqlConnector;

namespace FlexMigrate.Core.Ledger;

/// <summary>
/// The runs of a migration: the first and each resume add one, with the phase it resumed from and the chunks it
/// skipped and redid, so the report can list what every run did. A run is keyed by the caller: the durable
/// instance id for an orchestration (a replay or redelivery finds its run again), or instance id plus process
/// start when a process continues the same durable instance from a state store. The latest run is the current
/// one: chunk completions count for it.
/// </summary>
public static class RunLedger
{
    /// <summary>
    /// Starts run number N+1 under <paramref name="runKey"/>, or returns the run that key already started (a
    /// redelivered activity or a replay).
    /// </summary>
    public static async Task<LedgerRun> StartAsync(MySqlConnection target, string migrationId, string runKey, CancellationToken cancellationToken = default)
    {
        // Read before the transaction (a command on a connection with an open transaction must join it): what the
        // previous run reached and the chunk counts. Nothing copies between them and the insert: no run is active.
        var fromPhase = (await MigrationLedger.ReadAsync(target, migrationId, cancellationToken).ConfigureAwait(false))?.Phase;
        var counts = await ChunkLedger.CountAsync(target, migrationId, cancellationToken).ConfigureAwait(false);
        await using var transaction = await target.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        var runs = await ReadAsync(target, migrationId, transaction, lockRows: true, cancellationToken).ConfigureAwait(false);
        if (runs.FirstOrDefault(r => r.InstanceId == runKey) is { } existing)
        {
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return existing;
        }

        var number = runs.Count == 0 ? 1 : runs.Max(r => r.Run) + 1;
        if (number == 1)
        {
            fromPhase = null;
        }

        await LedgerSql.ExecuteAsync(target, transaction, $"""
            INSERT INTO {LedgerSchema.Runs} (migration_id, run, instance_id, started_at, resumed_from_phase, chunks_skipped, chunks_redone)
            VALUES (@id, @run, @instance, UTC_TIMESTAMP(6), @phase, @skipped, @redone)
            """, cancellationToken, ("@id", migrationId), ("@run", number), ("@instance", runKey), ("@phase", fromPhase),
            ("@skipped", number == 1 ? 0 : counts.Copied), ("@redone", number == 1 ? 0 : counts.InFlight)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return (await ReadAsync(target, migrationId, null, lockRows: false, cancellationToken).ConfigureAwait(false)).Single(r => r.Run == number);
    }

    /// <summary>Records how the current (latest) run ended.</summary>
    public static Task FinishAsync(MySqlConnection target, string migrationId, string outcome, CancellationToken cancellationToken = default) =>
        LedgerSql.ExecuteAsync(target, null,
            $"UPDATE {LedgerSchema.Runs} SET ended_at = UTC_TIMESTAMP(6), outcome = @outcome WHERE migration_id = @id ORDER BY run DESC LIMIT 1",
            cancellationToken, ("@id", migrationId), ("@outcome", outcome));

    /// <summary>Every run of the migration, first to last.</summary>
    public static Task<IReadOnlyList<LedgerRun>> ListAsync(MySqlConnection target, string migrationId, CancellationToken cancellationToken = default) =>
        ReadAsync(target, migrationId, null, lockRows: false, cancellationToken);

    private static async Task<IReadOnlyList<LedgerRun>> ReadAsync(MySqlConnection target, string migrationId, MySqlTransaction? transaction,
        bool lockRows, CancellationToken cancellationToken)
    {
        var runs = new List<LedgerRun>();
        try
        {
            await using var command = LedgerSql.Command(target, transaction, $"""
                SELECT run, instance_id, started_at, resumed_from_phase, chunks_skipped, chunks_redone,
                       (SELECT COALESCE(SUM(c.copied_rows), 0) FROM {LedgerSchema.Chunks} c
                        WHERE c.migration_id = r.migration_id AND c.copied_in_run = r.run), ended_at, outcome
                FROM {LedgerSchema.Runs} r WHERE migration_id = @id ORDER BY run {(lockRows ? "FOR UPDATE" : "")}
                """, ("@id", migrationId));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                runs.Add(new LedgerRun(
                    reader.GetInt32(0),
                    reader.GetString(1),
                    DateTime.SpecifyKind(reader.GetDateTime(2), DateTimeKind.Utc),
                    reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.GetInt32(4),
                    reader.GetInt32(5),
                    Convert.ToInt64(reader.GetValue(6), CultureInfo.InvariantCulture),
                    reader.IsDBNull(7) ? null : DateTime.SpecifyKind(reader.GetDateTime(7), DateTimeKind.Utc),
                    reader.IsDBNull(8) ? null : reader.GetString(8)));
            }
        }
        catch (MySqlException ex) when (LedgerSql.IsMissing(ex))
        {
            // No ledger yet.
        }

        return runs;
    }
}
