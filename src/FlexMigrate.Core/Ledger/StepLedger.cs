using MySqlConnector;

namespace FlexMigrate.Core.Ledger;

/// <summary>
/// What a migration created or recorded once (<see cref="LedgerSteps"/> names them): a resumed run skips a step the
/// ledger holds instead of creating the object again, and reads recorded values (the online positions) back.
/// </summary>
public static class StepLedger
{
    /// <summary>
    /// Records <paramref name="step"/> as done by the current (latest) run, with an optional value, in
    /// <paramref name="transaction"/> when the step's own change runs in one. A step recorded twice keeps its first
    /// value: the first record is the truth (P0 must never move).
    /// A step of an activity run outside any migration (no ledger on the target: tests, the HTTP precheck) records nothing.
    /// </summary>
    public static async Task RecordAsync(MySqlConnection target, string migrationId, string step, string? value = null,
        MySqlTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        try
        {
            await LedgerSql.ExecuteAsync(target, transaction, $"""
                INSERT IGNORE INTO {LedgerSchema.Steps} (migration_id, step, value, done_at, done_in_run)
                SELECT @id, @step, @value, UTC_TIMESTAMP(6), COALESCE(MAX(run), 0) FROM {LedgerSchema.Runs} WHERE migration_id = @id
                """, cancellationToken, ("@id", migrationId), ("@step", step), ("@value", value)).ConfigureAwait(false);
        }
        catch (MySqlException ex) when (LedgerSql.IsMissing(ex))
        {
            // No ledger: the migration was never opened on this target.
        }
    }

    /// <summary>
    /// Removes <paramref name="steps"/> from the migration's ledger: a migration that goes forward again after a rollback
    /// (issue 16) starts a new round, whose cutover and rollback record their positions afresh (a record keeps its first value).
    /// </summary>
    public static async Task ForgetAsync(MySqlConnection target, string migrationId, IReadOnlyList<string> steps,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(steps);
        foreach (var step in steps)
        {
            await LedgerSql.ExecuteAsync(target, null, $"DELETE FROM {LedgerSchema.Steps} WHERE migration_id = @id AND step = @step",
                cancellationToken, ("@id", migrationId), ("@step", step)).ConfigureAwait(false);
        }
    }

    /// <summary>Every step recorded for the migration, with its value (null when it has none).</summary>
    public static async Task<IReadOnlyDictionary<string, string?>> ReadAsync(MySqlConnection target, string migrationId,
        CancellationToken cancellationToken = default)
    {
        var steps = new Dictionary<string, string?>(StringComparer.Ordinal);
        try
        {
            await using var command = LedgerSql.Command(target, null,
                $"SELECT step, value FROM {LedgerSchema.Steps} WHERE migration_id = @id", ("@id", migrationId));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                steps[reader.GetString(0)] = reader.IsDBNull(1) ? null : reader.GetString(1);
            }
        }
        catch (MySqlException ex) when (LedgerSql.IsMissing(ex))
        {
            // No ledger yet.
        }

        return steps;
    }
}
