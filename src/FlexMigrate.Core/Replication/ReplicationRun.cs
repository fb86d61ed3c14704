using System.Globalization;
using System.Threading.Channels;
using FlexMigrate.Core.Binlog;
using FlexMigrate.Core.Copy;
using FlexMigrate.Core.Sql;
using MySqlConnector;

namespace FlexMigrate.Core.Replication;

/// <summary>
/// One attempt of a batch: a target session, the binlog stream from the stored checkpoint, and the loop that groups
/// whole source transactions into target transactions ending with the checkpoint update. A lost target connection
/// ends the attempt; <see cref="ReplicationApplier"/> starts another from the checkpoint that committed.
/// </summary>
internal sealed class ReplicationRun(string sourceConnectionString, string targetConnectionString, ReplicationScope scope,
    ReplicationApplierOptions options, ReplicationBatch batch) : IAsyncDisposable
{
    // Errors after which the session is gone: killed (1927 MariaDB, 1317/1053 shutdown), lost (2006, 2013), 4031 idle timeout.
    private static readonly HashSet<int> LostConnectionErrors = [1053, 1317, 1927, 2006, 2013, 4031];

    private readonly DdlPolicy _policy = new(scope, options.Accounts is not null);
    private MySqlConnection? _target;
    private MySqlConnection? _source;
    private MySqlTransaction? _transaction;
    private RowBatcher? _rows;
    private ReplicatedTableReader? _tables;
    private BinlogClient? _client;
    private ReplicatedDdlExecutor? _ddl;
    private ReplicationCheckpoint _committed = null!;
    private ReplicationCheckpoint? _pendingCheckpoint;
    private long _pendingTransactions;
    private bool _firstTransaction = true;
    private bool _caughtUp;
    private string _targetServer = "";

    public int TargetConnectionId => _target?.ServerThread ?? 0;

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
    public static async Task<MySqlConnection> OpenTargetAsync(string connectionString, CancellationToken cancellationToken)
    {
        var csb = new MySqlConnectionStringBuilder(connectionString) { AllowUserVariables = true, Pooling = false };
        var connection = new MySqlConnection(csb.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await ExecAsync(connection, null,
                $"SET SESSION time_zone = '+00:00', SESSION sql_mode = {SqlText.Literal(CopySessions.TargetSqlMode)}, SESSION foreign_key_checks = 0, " +
                "SESSION unique_checks = 1, SESSION net_read_timeout = 3600, SESSION net_write_timeout = 3600",
                cancellationToken).ConfigureAwait(false);
            await ExecAsync(connection, null, "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED", cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch (MySqlException ex) when (!LostConnectionErrors.Contains(ex.Number))
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new UserActionRequiredException(
                $"Cannot open the replication session on the target server {ReplicationApplier.Describe(connectionString)} as '{csb.UserID}': {ex.Message}. Check the host, port, user, password and firewall rules.", ex);
        }
    }

    public async Task OpenAsync(ReplicationCheckpoint from, CancellationToken cancellationToken)
    {
        _targetServer = ReplicationApplier.Describe(targetConnectionString);
        _target = await OpenTargetAsync(targetConnectionString, cancellationToken).ConfigureAwait(false);
        await CheckpointStore.EnsureAsync(_target, cancellationToken).ConfigureAwait(false);
        var stored = await CheckpointStore.ReadAsync(_target, options.MigrationId, cancellationToken).ConfigureAwait(false);
        _committed = stored is not null && stored.Position > from.Position ? stored : from;
        _source = new MySqlConnection(sourceConnectionString);
        await _source.OpenAsync(cancellationToken).ConfigureAwait(false);
        _tables = new ReplicatedTableReader(_source, _target);
        _rows = new RowBatcher(_tables, batch, await StatementBudgetAsync(cancellationToken).ConfigureAwait(false))
        {
            Cascade = await CascadeCalls.ReadAsync(_source, scope.Databases, cancellationToken).ConfigureAwait(false),
        };
        _client = new BinlogClient(sourceConnectionString);
        _ddl = new ReplicatedDdlExecutor(targetConnectionString, scope, batch);
    }

    /// <summary>
    /// The loop: a reader task decodes the stream into a bounded channel while this one applies (decode and apply
    /// overlap on two cores). A group commits when full, or when the channel stays empty for
    /// <see cref="CommitGrace"/> (applied changes are not held back); the batch ends when out of time or
    /// transactions, or after <see cref="ReplicationApplierOptions.IdleReturn"/> without a new transaction.
    /// </summary>
    public async Task ApplyAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var channel = Channel.CreateBounded<BinlogTransaction>(new BoundedChannelOptions(ReadAhead) { SingleWriter = true, SingleReader = true });
        var reader = Task.Run(() => ReadAsync(channel.Writer, stop.Token), CancellationToken.None);
        try
        {
            var lastArrival = batch.Clock.Elapsed;
            while (!batch.OutOfTime)
            {
                if (channel.Reader.TryRead(out var transaction))
                {
                    if (!await ThrottleAllowsAsync(transaction, cancellationToken).ConfigureAwait(false))
                    {
                        // Throttled: the batch ends at the last whole transaction (the next one is read again next batch).
                        break;
                    }

                    lastArrival = batch.Clock.Elapsed;
                    await ApplyTransactionAsync(transaction, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (_pendingTransactions > 0)
                {
                    if (await WaitAsync(channel.Reader, CommitGrace, cancellationToken).ConfigureAwait(false) is not false)
                    {
                        continue;
                    }

                    await CommitAsync(cancellationToken).ConfigureAwait(false);
                }

                var idleLeft = options.IdleReturn - (batch.Clock.Elapsed - lastArrival);
                var wait = Min(options.MaxBatchDuration - batch.Clock.Elapsed, idleLeft);
                if (wait <= TimeSpan.Zero)
                {
                    break;
                }

                var ready = await WaitAsync(channel.Reader, wait, cancellationToken).ConfigureAwait(false);
                if (ready is null)
                {
                    // The stream ended: surface the reader's failure, if any.
                    await channel.Reader.Completion.ConfigureAwait(false);
                    break;
                }
            }

            await CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await reader.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
        }
    }

    /// <summary>True when the migration's throttle lets <paramref name="transaction"/> be applied (after pacing its rows).</summary>
    private async Task<bool> ThrottleAllowsAsync(BinlogTransaction transaction, CancellationToken cancellationToken)
    {
        if (options.Throttle is not { } throttle)
        {
            return true;
        }

        if (await throttle.CheckAsync(cancellationToken).ConfigureAwait(false) is not null)
        {
            return false;
        }

        await throttle.Rows.TakeAsync(transaction.Changes.Count, cancellationToken).ConfigureAwait(false);
        return true;
    }

    // Decoded transactions the reader may hold ahead of the applier: enough to overlap, bounded for memory (big rows).
    private const int ReadAhead = 256;

    // How long a non-empty group waits for the next transaction before committing.
    private static TimeSpan CommitGrace => TimeSpan.FromMilliseconds(5);

    // True when a transaction is ready, false after the timeout, null when the stream completed.
    private static async Task<bool?> WaitAsync(ChannelReader<BinlogTransaction> reader, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            return await reader.WaitToReadAsync(timer.Token).ConfigureAwait(false) ? true : null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task ReadAsync(ChannelWriter<BinlogTransaction> writer, CancellationToken cancellationToken)
    {
        try
        {
            var readOptions = new BinlogReadOptions
            {
                ServerId = options.ServerId,
                DatabaseFilter = scope.IncludesDatabase,
                KeepStatement = options.Accounts is null ? null : sql => DdlClassifier.Classify(sql, "").Kind == DdlObjectKind.Account,
            };
            await foreach (var transaction in _client!.ReadTransactionsAsync(BinlogStartPosition.At(_committed.Position), readOptions, cancellationToken).ConfigureAwait(false))
            {
                await writer.WriteAsync(transaction, cancellationToken).ConfigureAwait(false);
            }

            writer.TryComplete();
        }
        catch (Exception ex)
        {
            writer.TryComplete(ex);
        }
    }

    /// <summary>Source end, lag and the committed checkpoint; advances the checkpoint over a transaction-free tail (rotation).</summary>
    public async Task<ReplicationBatchResult> ResultAsync(CancellationToken cancellationToken)
    {
        var sourceEnd = await _client!.GetCurrentPositionAsync(cancellationToken).ConfigureAwait(false);
        if (_committed.Position < sourceEnd && await NoTransactionsBeforeAsync(sourceEnd, cancellationToken).ConfigureAwait(false))
        {
            // Only rotation and file-header events lie between: the end itself is a valid, equivalent resume point.
            var advanced = _committed with { Position = sourceEnd };
            await CheckpointStore.WriteAsync(_target!, null, options.MigrationId, advanced, 0, cancellationToken).ConfigureAwait(false);
            _committed = advanced;
        }

        _caughtUp = _committed.Position >= sourceEnd;
        var counts = batch.Committed;
        var lagSeconds = _caughtUp || batch.LastCommittedTimestamp is null
            ? 0
            : Math.Max(0, (DateTimeOffset.UtcNow - batch.LastCommittedTimestamp.Value).TotalSeconds);
        var lagBytes = _caughtUp ? 0
            : string.Equals(sourceEnd.File, _committed.Position.File, StringComparison.Ordinal) ? (long)(sourceEnd.Offset - _committed.Position.Offset)
            : (long)sourceEnd.Offset;
        return new ReplicationBatchResult(_committed, sourceEnd, counts.Transactions, counts.Inserted, counts.Updated, counts.Deleted,
            counts.Cascaded, counts.Ddl, lagSeconds, lagBytes, _caughtUp, [.. batch.Notes]);
    }

    public async ValueTask DisposeAsync()
    {
        if (_transaction is not null)
        {
            try
            {
                await _transaction.DisposeAsync().ConfigureAwait(false);
            }
            catch (MySqlException)
            {
                // The session is already gone; the server rolled the transaction back.
            }
        }

        if (_target is not null)
        {
            await _target.DisposeAsync().ConfigureAwait(false);
        }

        if (_source is not null)
        {
            await _source.DisposeAsync().ConfigureAwait(false);
        }

        if (_ddl is not null)
        {
            await _ddl.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task ApplyTransactionAsync(BinlogTransaction transaction, CancellationToken cancellationToken)
    {
        var first = _firstTransaction;
        _firstTransaction = false;
        var duringCopy = options.CatchUpPosition is { } catchUp && transaction.EndPosition <= catchUp;
        var statements = await DecideDdlAsync(transaction, duringCopy, cancellationToken).ConfigureAwait(false);
        if (statements is null)
        {
            await EnsureTransactionAsync(cancellationToken).ConfigureAwait(false);
            await AddRowsAsync(transaction.Changes, cancellationToken).ConfigureAwait(false);
            Include(transaction);
            if (_pendingTransactions >= options.GroupCommitTransactions)
            {
                await CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        // DDL commits implicitly: close the group before it, run the transaction's changes in order, then checkpoint it alone.
        await CommitAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<BinlogChange>();
        foreach (var change in transaction.Changes)
        {
            if (change is RowChange)
            {
                rows.Add(change);
                continue;
            }

            if (!statements.TryGetValue(change, out var decision) || decision.Action is not (DdlAction.Apply or DdlAction.SyncAccounts))
            {
                continue;
            }

            await EnsureTransactionAsync(cancellationToken).ConfigureAwait(false);
            await AddRowsAsync(rows, cancellationToken).ConfigureAwait(false);
            rows.Clear();
            await _rows!.FlushAsync(_target!, _transaction, cancellationToken).ConfigureAwait(false);
            await _transaction!.CommitAsync(cancellationToken).ConfigureAwait(false);
            await _transaction.DisposeAsync().ConfigureAwait(false);
            _transaction = null;
            await ExecuteDdlAsync((DdlChange)change, decision, transaction.EndPosition, first, cancellationToken).ConfigureAwait(false);
        }

        await EnsureTransactionAsync(cancellationToken).ConfigureAwait(false);
        await AddRowsAsync(rows, cancellationToken).ConfigureAwait(false);
        Include(transaction);
        await CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    // Null when the transaction has no statement to run; throws for a statement replay must stop at.
    private async Task<Dictionary<BinlogChange, DdlDecision>?> DecideDdlAsync(BinlogTransaction transaction, bool duringCopy, CancellationToken cancellationToken)
    {
        Dictionary<BinlogChange, DdlDecision>? decisions = null;
        foreach (var change in transaction.Changes)
        {
            if (change is not DdlChange ddl)
            {
                continue;
            }

            var statement = DdlClassifier.Classify(ddl.Sql, ddl.Database, ddl.Session?.SqlMode);
            var exists = duringCopy && statement is { Kind: DdlObjectKind.Table, Verb: DdlVerb.Create, IsIndex: false }
                && _policy.InScope(statement, ddl.Database)
                && await TargetHasTableAsync(statement.Objects.First(o => scope.IncludesTable(o.Database, o.Name)), cancellationToken).ConfigureAwait(false);
            var decision = _policy.Decide(ddl, statement, duringCopy, transaction.EndPosition, _ => exists);
            switch (decision.Action)
            {
                case DdlAction.Fail:
                    await CommitAsync(cancellationToken).ConfigureAwait(false);
                    throw new UserActionRequiredException(decision.Note!);
                case DdlAction.Skip when decision.Note is not null:
                    batch.Note(decision.Note);
                    break;
                case DdlAction.Apply or DdlAction.SyncAccounts:
                    (decisions ??= new Dictionary<BinlogChange, DdlDecision>(ReferenceEqualityComparer.Instance))[change] = decision;
                    break;
            }
        }

        return decisions;
    }

    private async Task AddRowsAsync(IEnumerable<BinlogChange> changes, CancellationToken cancellationToken)
    {
        foreach (var change in changes)
        {
            if (change is RowChange row && scope.IncludesTable(row.Database, row.Table))
            {
                await _rows!.AddAsync(row, _target!, _transaction!, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private void Include(BinlogTransaction transaction)
    {
        _pendingTransactions++;
        batch.Pending.Transactions++;
        batch.PendingTimestamp = transaction.Timestamp;
        _pendingCheckpoint = new ReplicationCheckpoint(transaction.EndPosition, transaction.MariaDbGtidPosition?.ToString() ?? transaction.Gtid ?? _committed.Gtid);
    }

    private async Task ExecuteDdlAsync(DdlChange change, DdlDecision decision, BinlogPosition position, bool first, CancellationToken cancellationToken)
    {
        if (decision.Action == DdlAction.SyncAccounts)
        {
            await AccountReplay.SyncAsync(sourceConnectionString, targetConnectionString, options.Accounts!, change.Sql, position, batch.Note, cancellationToken).ConfigureAwait(false);
            batch.Pending.Ddl++;
            return;
        }

        await _ddl!.RunAsync(change, decision, position, first, cancellationToken).ConfigureAwait(false);
        // Only table and database statements change table shapes or foreign keys: a view or routine needs no re-read
        // (the foreign-key graph is an information_schema query on the source, seconds on a busy server with many tables).
        if (DdlClassifier.Classify(change.Sql, change.Database, change.Session?.SqlMode).Kind is DdlObjectKind.Table or DdlObjectKind.Database)
        {
            _tables!.Forget();
            _rows!.Cascade = await CascadeCalls.ReadAsync(_source!, scope.Databases, cancellationToken).ConfigureAwait(false);
        }

        batch.Pending.Ddl++;
    }

    private async Task EnsureTransactionAsync(CancellationToken cancellationToken)
    {
        _transaction ??= await _target!.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (_pendingTransactions == 0 || _pendingCheckpoint is null)
        {
            return;
        }

        await EnsureTransactionAsync(cancellationToken).ConfigureAwait(false);
        await _rows!.FlushAsync(_target!, _transaction, cancellationToken).ConfigureAwait(false);
        await CheckpointStore.WriteAsync(_target!, _transaction, options.MigrationId, _pendingCheckpoint, _pendingTransactions, cancellationToken).ConfigureAwait(false);
        await _transaction!.CommitAsync(cancellationToken).ConfigureAwait(false);
        await _transaction.DisposeAsync().ConfigureAwait(false);
        _transaction = null;
        _committed = _pendingCheckpoint;
        _pendingCheckpoint = null;
        _pendingTransactions = 0;
        batch.Commit();
    }

    // True when the stream from the checkpoint holds no transaction up to the end (non-blocking read).
    private async Task<bool> NoTransactionsBeforeAsync(BinlogPosition end, CancellationToken cancellationToken)
    {
        var readOptions = new BinlogReadOptions { ServerId = options.ServerId, StopAtEnd = true, DatabaseFilter = _ => false };
        await foreach (var transaction in _client!.ReadTransactionsAsync(BinlogStartPosition.At(_committed.Position), readOptions, cancellationToken).ConfigureAwait(false))
        {
            if (transaction.EndPosition <= end)
            {
                return false;
            }
        }

        return true;
    }

    private async Task<bool> TargetHasTableAsync(DdlObjectName table, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(
            "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = @db AND TABLE_NAME = @t", _target, _transaction);
        command.Parameters.AddWithValue("@db", table.Database);
        command.Parameters.AddWithValue("@t", table.Name);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) > 0;
    }

    // Statements stay well under max_allowed_packet; bigger statements save little once a few hundred rows share one.
    private async Task<long> StatementBudgetAsync(CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand("SELECT @@max_allowed_packet", _target);
        var packet = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        return Math.Clamp(packet / 4, 64 * 1024, 4 * 1024 * 1024);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static async Task ExecAsync(MySqlConnection connection, MySqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
