using FlexMigrate.Core.Copy;
using MySqlConnector;

namespace FlexMigrate.Core.Ledger;

/// <summary>
/// One migration's ledger on its target, opened from a connection string: what the orchestration's activities
/// call (they hold connection strings, not sessions). Each method is one short statement or transaction on the
/// session this object owns.
/// </summary>
public sealed class TargetLedger : IAsyncDisposable
{
    private readonly MySqlConnection _target;
    private readonly string _migrationId;

    private TargetLedger(MySqlConnection target, string migrationId)
    {
        _target = target;
        _migrationId = migrationId;
    }

    public static async Task<TargetLedger> OpenAsync(string targetConnectionString, string migrationId, CancellationToken cancellationToken = default)
    {
        var target = new MySqlConnection(targetConnectionString);
        await target.OpenAsync(cancellationToken).ConfigureAwait(false);
        return new TargetLedger(target, migrationId);
    }

    /// <summary>
    /// Opens a run: records a new migration (its identity read from the servers now), or checks a resumed one is
    /// the recorded migration, refusing with every difference named. Returns the run and the steps done.
    /// </summary>
    public async Task<(LedgerRun Run, IReadOnlyDictionary<string, string?> Steps)> OpenRunAsync(
        string sourceConnectionString, MigrationScope scope, string requestJson, string runKey, string firstPhase,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var identity = await IdentifyAsync(sourceConnectionString, scope, cancellationToken).ConfigureAwait(false);
        if (await MigrationLedger.ReadAsync(_target, _migrationId, cancellationToken).ConfigureAwait(false) is { } recorded)
        {
            var differences = recorded.Identity.DifferencesFrom(identity);
            if (differences.Count > 0)
            {
                throw new UserActionRequiredException(
                    $"Migration {_migrationId} was recorded on the target with other servers or options, so it cannot continue here: "
                    + string.Join("; ", differences) + ". Resume it with the recorded ones, or start a new migration.");
            }
        }
        else
        {
            await MigrationLedger.BeginAsync(_target, _migrationId, scope.Mode, identity, requestJson, firstPhase, cancellationToken).ConfigureAwait(false);
        }

        var run = await RunLedger.StartAsync(_target, _migrationId, runKey, cancellationToken).ConfigureAwait(false);
        // A resumed failed or cancelled migration is running again; its phase stays where the last run left it.
        await MigrationLedger.MarkRunningAsync(_target, _migrationId, cancellationToken).ConfigureAwait(false);
        return (run, await StepLedger.ReadAsync(_target, _migrationId, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Every migration recorded on the target (newest first); empty when none ever ran there.</summary>
    public static async Task<IReadOnlyList<LedgerEntry>> ListAsync(string targetConnectionString, CancellationToken cancellationToken = default)
    {
        await using var target = new MySqlConnection(targetConnectionString);
        await target.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await MigrationLedger.ListAsync(target, cancellationToken).ConfigureAwait(false);
    }

    public Task SetPhaseAsync(string phase, CancellationToken cancellationToken = default) =>
        MigrationLedger.SetPhaseAsync(_target, _migrationId, phase, cancellationToken);

    /// <summary>
    /// Opens a run for a process that continues the same durable instance (from a state store): the orchestration
    /// does not start again, so it cannot open one itself. The migration must be recorded already.
    /// </summary>
    public async Task<LedgerRun?> ContinueRunAsync(string runKey, CancellationToken cancellationToken = default)
    {
        if (await MigrationLedger.ReadAsync(_target, _migrationId, cancellationToken).ConfigureAwait(false) is null)
        {
            return null;
        }

        var run = await RunLedger.StartAsync(_target, _migrationId, runKey, cancellationToken).ConfigureAwait(false);
        await MigrationLedger.MarkRunningAsync(_target, _migrationId, cancellationToken).ConfigureAwait(false);
        return run;
    }

    /// <summary>Closes the current run and sets the migration's status; returns every run for the report.</summary>
    public async Task<IReadOnlyList<LedgerRun>> CloseRunAsync(LedgerStatus status, string outcome, CancellationToken cancellationToken = default)
    {
        await MigrationLedger.FinishAsync(_target, _migrationId, status, cancellationToken).ConfigureAwait(false);
        await RunLedger.FinishAsync(_target, _migrationId, outcome, cancellationToken).ConfigureAwait(false);
        return await RunLedger.ListAsync(_target, _migrationId, cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<LedgerChunk>> PlanChunksAsync(string database, string table, IReadOnlyList<CopyChunk> planned,
        CancellationToken cancellationToken = default) =>
        ChunkLedger.PlanAsync(_target, _migrationId, database, table, planned, cancellationToken);

    public Task<IReadOnlyList<LedgerChunk>> ReadChunksAsync(string database, string table, CancellationToken cancellationToken = default) =>
        ChunkLedger.ReadAsync(_target, _migrationId, database, table, cancellationToken);

    public Task<LedgerChunk?> StartChunkAsync(string database, string table, int index, CancellationToken cancellationToken = default) =>
        ChunkLedger.StartAsync(_target, _migrationId, database, table, index, cancellationToken);

    /// <summary>Whole-table plans for many tables at once (see <see cref="ChunkLedger.PlanWholeTablesAsync"/>).</summary>
    public Task<IReadOnlyDictionary<(string Database, string Table), IReadOnlyList<LedgerChunk>>> PlanWholeTablesAsync(
        IReadOnlyList<(string Database, string Table)> tables, CancellationToken cancellationToken = default) =>
        ChunkLedger.PlanWholeTablesAsync(_target, _migrationId, tables, cancellationToken);

    /// <summary>The stored plans of many tables (see <see cref="ChunkLedger.ReadTablesAsync"/>).</summary>
    public Task<IReadOnlyDictionary<(string Database, string Table), IReadOnlyList<LedgerChunk>>> ReadTablesAsync(
        IReadOnlyList<(string Database, string Table)> tables, CancellationToken cancellationToken = default) =>
        ChunkLedger.ReadTablesAsync(_target, _migrationId, tables, cancellationToken);

    /// <summary>An attempt of many whole-table chunks at once (see <see cref="ChunkLedger.StartWholeTablesAsync"/>).</summary>
    public Task<IReadOnlyDictionary<(string Database, string Table), LedgerChunk>> StartWholeTablesAsync(
        IReadOnlyList<(string Database, string Table)> tables, CancellationToken cancellationToken = default) =>
        ChunkLedger.StartWholeTablesAsync(_target, _migrationId, tables, cancellationToken);

    /// <summary>The hook that records the chunk's completion in the chunk's own transaction (on the copier's session).</summary>
    public ChunkCommitHook Completion(string database, string table, int index) => ChunkCompletion.For(_migrationId, database, table, index);

    public Task RecordStepAsync(string step, string? value = null, CancellationToken cancellationToken = default) =>
        StepLedger.RecordAsync(_target, _migrationId, step, value, null, cancellationToken);

    /// <summary>Removes recorded steps (see <see cref="StepLedger.ForgetAsync"/>).</summary>
    public Task ForgetStepsAsync(IReadOnlyList<string> steps, CancellationToken cancellationToken = default) =>
        StepLedger.ForgetAsync(_target, _migrationId, steps, cancellationToken);

    public Task<IReadOnlyDictionary<string, string?>> StepsAsync(CancellationToken cancellationToken = default) =>
        StepLedger.ReadAsync(_target, _migrationId, cancellationToken);

    public Task<ChunkCounts> CountChunksAsync(CancellationToken cancellationToken = default) =>
        ChunkLedger.CountAsync(_target, _migrationId, cancellationToken);

    /// <summary>Deletes the migration's ledger rows and checkpoint (see <see cref="MigrationLedger.ForgetAsync"/>).</summary>
    public Task ForgetAsync(CancellationToken cancellationToken = default) => MigrationLedger.ForgetAsync(_target, _migrationId, cancellationToken);

    public ValueTask DisposeAsync() => _target.DisposeAsync();

    private async Task<MigrationIdentity> IdentifyAsync(string sourceConnectionString, MigrationScope scope, CancellationToken cancellationToken)
    {
        await using var source = new MySqlConnection(sourceConnectionString);
        await source.OpenAsync(cancellationToken).ConfigureAwait(false);
        return new MigrationIdentity(
            await ServerIdentity.ReadAsync(source, cancellationToken).ConfigureAwait(false),
            await ServerIdentity.ReadAsync(_target, cancellationToken).ConfigureAwait(false),
            scope);
    }
}
