using System.Diagnostics;
using System.Globalization;
using MySqlConnector;

namespace FlexMigrate.Core.Replication;

/// <summary>
/// Replays the source's binlog onto the target (online migration): row changes become idempotent writes keyed by
/// the replication key, whole source transactions are grouped into target transactions that also move the
/// checkpoint row, DDL follows the rules in <see cref="DdlPolicy"/>, foreign-key cascades are reproduced. Once replay
/// passes the position where the initial copy finished, the target equals the source at the replayed position.
/// See docs/replication.md.
/// <code>
/// var applier = new ReplicationApplier(source, target, new ReplicationScope(["shop"], [], []), new() { MigrationId = "m1", CatchUpPosition = copyEnd });
/// var from = new ReplicationCheckpoint(p0, null);
/// while (true) { var r = await applier.ApplyAsync(from, ct); from = r.Checkpoint; if (r.CaughtUp) ... }
/// </code>
/// </summary>
/// <remarks>
/// The scope's table shapes a batch reads are reused by the next batches within <see cref="ScopeTablesCache.Lifetime"/>
/// through <c>scopeTables</c>: a host running each batch on a new applier passes the one it holds for all
/// of them; without it this applier owns one for its own batches.
/// </remarks>
public sealed class ReplicationApplier(string sourceConnectionString, string targetConnectionString, ReplicationScope scope, ReplicationApplierOptions options,
    ScopeTablesCache? scopeTables = null)
{
    /// <summary>The target database holding the checkpoint table (never part of a migration's scope).</summary>
    public const string StateDatabase = CheckpointStore.Database;

    /// <summary>The checkpoint table in <see cref="StateDatabase"/>.</summary>
    public const string CheckpointTable = CheckpointStore.Table;

    // A killed or lost target connection is retried this many times within one call, each from the stored checkpoint.
    private const int Attempts = 3;

    private readonly ReplicationScope _scope = scope ?? throw new ArgumentNullException(nameof(scope));
    private readonly ReplicationApplierOptions _options = Validate(options);
    private readonly ScopeTablesCache _scopeTables = scopeTables ?? new ScopeTablesCache();
    private ReplicationRun? _run;
    private int _lastTargetConnectionId;

    /// <summary>Thread id of the current target session (diagnostics and tests).</summary>
    internal int TargetConnectionId => _run?.TargetConnectionId ?? _lastTargetConnectionId;

    /// <summary>Windows applied by more than one lane at once, over this applier's life (diagnostics and tests).</summary>
    internal long ParallelWindows { get; private set; }

    /// <summary>Attempts restarted after a lost target connection, over this applier's life (diagnostics and tests).</summary>
    internal int Reconnects { get; private set; }

    /// <summary>
    /// Applies from max(<paramref name="from"/>, the checkpoint stored on the target) until
    /// <see cref="ReplicationApplierOptions.MaxBatchDuration"/> or <see cref="ReplicationApplierOptions.MaxTransactions"/>,
    /// or until caught up and idle for <see cref="ReplicationApplierOptions.IdleReturn"/>. Safe to call again with the
    /// same <paramref name="from"/> after a crash: the target checkpoint says what committed.
    /// </summary>
    public async Task<ReplicationBatchResult> ApplyAsync(ReplicationCheckpoint from, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(from);
        var batch = new ReplicationBatch(_options, Stopwatch.StartNew());
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var run = new ReplicationRun(sourceConnectionString, targetConnectionString, _scope, _options, _scopeTables, batch);
                _run = run;
                try
                {
                    await run.OpenAsync(from, cancellationToken).ConfigureAwait(false);
                    await run.ApplyAsync(cancellationToken).ConfigureAwait(false);
                    return await run.ResultAsync(cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    ParallelWindows += batch.ParallelWindows;
                    batch.ParallelWindows = 0;
                    _lastTargetConnectionId = run.TargetConnectionId;
                    _run = null;
                }
            }
            catch (Exception ex) when (attempt < Attempts && !cancellationToken.IsCancellationRequested && ReplicationTargetSession.IsConnectionLoss(ex))
            {
                // Whatever the lost session had not committed is replayed from the checkpoint it had committed.
                batch.DiscardUncommitted();
                Reconnects++;
            }
        }
    }

    /// <summary>The checkpoint stored on the target for <see cref="ReplicationApplierOptions.MigrationId"/>, or null.</summary>
    public async Task<ReplicationCheckpoint?> ReadCheckpointAsync(CancellationToken cancellationToken = default)
    {
        await using var target = await ReplicationTargetSession.OpenAsync(targetConnectionString, cancellationToken).ConfigureAwait(false);
        return await CheckpointStore.ReadAsync(target, _options.MigrationId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes the checkpoint row, and the state database when no other migration uses it (after cutover).</summary>
    public async Task DropStateAsync(CancellationToken cancellationToken = default)
    {
        await using var target = await ReplicationTargetSession.OpenAsync(targetConnectionString, cancellationToken).ConfigureAwait(false);
        await CheckpointStore.DropAsync(target, _options.MigrationId, cancellationToken).ConfigureAwait(false);
    }

    private static ReplicationApplierOptions Validate(ReplicationApplierOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.MigrationId);
        if (options.MigrationId.Length > 128 || options.MigrationId.Any(c => c > 0x7E || c < 0x20))
        {
            throw new ArgumentException($"MigrationId '{options.MigrationId}' must be at most 128 printable ASCII characters.", nameof(options));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(options.GroupCommitTransactions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxTransactions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ApplyThreads, 1);
        return options;
    }

    internal static string Describe(string connectionString)
    {
        var csb = new MySqlConnectionStringBuilder(connectionString);
        return string.Create(CultureInfo.InvariantCulture, $"{csb.Server}:{csb.Port}");
    }
}
