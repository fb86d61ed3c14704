using System.Globalization;
using FlexMigrate.Core.Binlog;
using FlexMigrate.Core.Schema;
using MySqlConnector;

namespace FlexMigrate.Core.Replication;

/// <summary>
/// The apply role of replay: turns one source transaction into target writes inside the group the
/// <see cref="CheckpointCommitter"/> holds: row changes of in-scope tables through the <see cref="RowBatcher"/>
/// (idempotent, keyed by the replication key, cascades emulated), statements as <see cref="DdlPolicy"/> decides, each
/// applied statement in stream order between the rows around it (a DDL statement commits implicitly, so the group is
/// committed before it and the statement's transaction is checkpointed alone).
/// </summary>
internal sealed class ChangeApplier : ITransactionApplier
{
    private readonly string _sourceConnectionString;
    private readonly string _targetConnectionString;
    private readonly ReplicationScope _scope;
    private readonly ReplicationApplierOptions _options;
    private readonly ScopeTablesCache _scopeTables;
    private readonly ReplicationBatch _batch;
    private readonly MySqlConnection _source;
    private readonly MySqlConnection _target;
    private readonly CheckpointCommitter _checkpoint;
    private readonly DdlPolicy _policy;
    private readonly ReplicatedTableReader _tables;
    private readonly RowBatcher _rows;
    private readonly ReplicatedDdlExecutor _ddl;
    private readonly Func<MySqlTransaction, MySqlBatchCommand?, CancellationToken, Task> _flushRows;
    private bool _firstTransaction = true;

    private ChangeApplier(string sourceConnectionString, string targetConnectionString, ReplicationScope scope, ReplicationApplierOptions options,
        ScopeTablesCache scopeTables, ReplicationBatch batch, MySqlConnection source, MySqlConnection target, CheckpointCommitter checkpoint, long statementBudget)
    {
        _scopeTables = scopeTables;
        _sourceConnectionString = sourceConnectionString;
        _targetConnectionString = targetConnectionString;
        _scope = scope;
        _options = options;
        _batch = batch;
        _source = source;
        _target = target;
        TargetConnectionId = target.ServerThread;
        _checkpoint = checkpoint;
        _policy = new DdlPolicy(scope, options.Accounts is not null);
        _tables = new ReplicatedTableReader(source, target);
        _rows = new RowBatcher(_tables, batch, statementBudget);
        StatementBudget = statementBudget;
        _ddl = new ReplicatedDdlExecutor(targetConnectionString, scope, batch);
        _flushRows = (transaction, trailing, cancellationToken) => _rows.FlushAsync(_target, transaction, trailing, cancellationToken);
    }

    /// <summary>An applier over open source and target sessions, with the source's cascading foreign keys read.</summary>
    public static async Task<ChangeApplier> CreateAsync(string sourceConnectionString, string targetConnectionString, ReplicationScope scope,
        ReplicationApplierOptions options, ScopeTablesCache scopeTables, ReplicationBatch batch, MySqlConnection source, MySqlConnection target, CheckpointCommitter checkpoint,
        CancellationToken cancellationToken)
    {
        var applier = new ChangeApplier(sourceConnectionString, targetConnectionString, scope, options, scopeTables, batch, source, target, checkpoint,
            await StatementBudgetAsync(target, cancellationToken).ConfigureAwait(false));
        await applier.ReadScopeAsync(fresh: false, cancellationToken).ConfigureAwait(false);
        return applier;
    }

    /// <summary>
    /// The scope's tables from the source in one set read per kind and batch of databases: their foreign keys (the
    /// cascade calls) and their replication keys (<see cref="ReplicatedTableReader.Know"/>), so no table costs a read
    /// of its own during the batch (a cutover's drain is a fresh batch touching most tables). Unless
    /// <paramref name="fresh"/>, what a batch of this migration read moments ago (the owner's <see cref="ScopeTablesCache"/>).
    /// </summary>
    private async Task ReadScopeAsync(bool fresh, CancellationToken cancellationToken)
    {
        var key = ScopeTablesCache.KeyOf(_options.MigrationId, _sourceConnectionString, _scope.Databases);
        if ((fresh ? null : _scopeTables.Get(key)) is not { } tables)
        {
            tables = await TableSchemaQueries.ReadDefinitionsAsync(_source, _scope.Databases, cancellationToken).ConfigureAwait(false);
            _scopeTables.Set(key, tables);
        }

        _tables.Know(tables);
        _rows.Cascade = CascadeCalls.Of(ForeignKeyGraph.Of(tables, _scope.Databases));
    }

    /// <summary>The table shapes replay reads (shared with the parallel applier's lanes and conflict keys).</summary>
    public ReplicatedTableReader Tables => _tables;

    /// <summary>The foreign-key cascade calls, re-read after table DDL.</summary>
    public CascadeCalls Cascade => _rows.Cascade;

    /// <summary>Bytes one multi-row statement may hold.</summary>
    public long StatementBudget { get; }

    public long PendingTransactions => _checkpoint.PendingTransactions + _checkpoint.CommittingTransactions;

    // Read once, open: a lost session's ServerThread throws, and the id is wanted most after it was lost.
    public int TargetConnectionId { get; }

    public bool CommitRunning => _checkpoint.CommitRunning;

    public Task WaitForRunningCommitAsync() => _checkpoint.WaitForRunningCommitAsync();

    /// <summary>
    /// Another applier took the run's first transaction (parallel apply): a later statement cannot be one that ran
    /// before a crash, so its "already exists" errors are real.
    /// </summary>
    public void PassFirstTransaction() => _firstTransaction = false;

    /// <summary>Applies one source transaction; commits the group when it is full or when a statement needs it.</summary>
    public async Task ApplyAsync(BinlogTransaction transaction, CancellationToken cancellationToken)
    {
        var first = _firstTransaction;
        _firstTransaction = false;
        if (_checkpoint.AlreadyApplied(transaction))
        {
            // Committed by a lane of a parallel run that stopped inside its window: only the checkpoint passes it.
            _checkpoint.Include(transaction, counted: false);
            await CommitWhenFullAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        var duringCopy = _options.CatchUpPosition is { } catchUp && transaction.EndPosition <= catchUp;
        var statements = await DecideDdlAsync(transaction, duringCopy, cancellationToken).ConfigureAwait(false);
        if (statements is null)
        {
            await AddRowsAsync(transaction.Changes, transaction, cancellationToken).ConfigureAwait(false);
            _checkpoint.Include(transaction);
            await CommitWhenFullAsync(cancellationToken).ConfigureAwait(false);
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

            await AddRowsAsync(rows, transaction, cancellationToken).ConfigureAwait(false);
            rows.Clear();
            await WriteAsync(() => _checkpoint.CommitRowsAsync(_flushRows, cancellationToken), transaction, cancellationToken).ConfigureAwait(false);
            await ExecuteDdlAsync((DdlChange)change, decision, transaction.EndPosition, first, cancellationToken).ConfigureAwait(false);
        }

        await AddRowsAsync(rows, transaction, cancellationToken).ConfigureAwait(false);
        _checkpoint.Include(transaction);
        await CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Commits the group: its rows, then the checkpoint, in one target transaction.</summary>
    public Task CommitAsync(CancellationToken cancellationToken) => _checkpoint.CommitAsync(_flushRows, cancellationToken);

    public ValueTask DisposeAsync() => _ddl.DisposeAsync();

    // A full group's commit is only started: the next group is read and buffered while the target executes it.
    private async Task CommitWhenFullAsync(CancellationToken cancellationToken)
    {
        if (_checkpoint.PendingTransactions >= _options.GroupCommitTransactions)
        {
            await _checkpoint.StartCommitAsync(_flushRows, cancellationToken).ConfigureAwait(false);
        }
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
                && await TargetHasTableAsync(statement.Objects.First(o => _scope.IncludesTable(o.Database, o.Name)), cancellationToken).ConfigureAwait(false);
            var decision = _policy.Decide(ddl, statement, duringCopy, transaction.EndPosition, _ => exists);
            switch (decision.Action)
            {
                case DdlAction.Fail:
                    await CommitAsync(cancellationToken).ConfigureAwait(false);
                    throw new UserActionRequiredException(decision.Note!);
                case DdlAction.Skip when decision.Note is not null:
                    _batch.Note(decision.Note);
                    break;
                case DdlAction.Apply or DdlAction.SyncAccounts:
                    (decisions ??= new Dictionary<BinlogChange, DdlDecision>(ReferenceEqualityComparer.Instance))[change] = decision;
                    break;
            }
        }

        return decisions;
    }

    // The target transaction is begun only when a change needs the target: the group before may still be committing.
    private Task AddRowsAsync(IEnumerable<BinlogChange> changes, BinlogTransaction transaction, CancellationToken cancellationToken) =>
        WriteAsync(() => _rows.AddRowsAsync(changes, _scope, _target, _checkpoint.BeginAsync, cancellationToken), transaction, cancellationToken);

    // A write the target refuses before the group's commit (a full row buffer, a cascade's reads and writes, the rows
    // before a DDL statement) fails as the commit would: naming the group's range up to this transaction and what it
    // was writing, not as a bare server error.
    private async Task WriteAsync(Func<Task> write, BinlogTransaction transaction, CancellationToken cancellationToken)
    {
        try
        {
            await write().ConfigureAwait(false);
        }
        catch (MySqlException ex) when (ReplicationCommitException.IsRefusal(ex, cancellationToken))
        {
            throw ReplicationCommitException.Refused(_checkpoint.PendingTransactions + 1, _checkpoint.Committed.Position, transaction.EndPosition,
                _targetConnectionString, _rows.Writing, ex);
        }
    }

    private async Task ExecuteDdlAsync(DdlChange change, DdlDecision decision, BinlogPosition position, bool first, CancellationToken cancellationToken)
    {
        if (decision.Action == DdlAction.SyncAccounts)
        {
            await AccountReplay.SyncAsync(_sourceConnectionString, _targetConnectionString, _options.Accounts!, change.Sql, position, _batch.Note, cancellationToken).ConfigureAwait(false);
            _batch.Pending.Ddl++;
            return;
        }

        await _ddl.RunAsync(change, decision, position, first, cancellationToken).ConfigureAwait(false);
        // Only table and database statements change table shapes or foreign keys: a view or routine needs no re-read
        // (the foreign-key graph is an information_schema query on the source, seconds on a busy server with many tables).
        if (DdlClassifier.Classify(change.Sql, change.Database, change.Session?.SqlMode).Kind is DdlObjectKind.Table or DdlObjectKind.Database)
        {
            await ReadScopeAsync(fresh: true, cancellationToken).ConfigureAwait(false);
        }

        _batch.Pending.Ddl++;
    }

    private async Task<bool> TargetHasTableAsync(DdlObjectName table, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(
            "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = @db AND TABLE_NAME = @t", _target,
            await _checkpoint.SettledTransactionAsync(cancellationToken).ConfigureAwait(false));
        command.Parameters.AddWithValue("@db", table.Database);
        command.Parameters.AddWithValue("@t", table.Name);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) > 0;
    }

    // Statements stay well under max_allowed_packet; bigger statements save little once a few hundred rows share one.
    private static async Task<long> StatementBudgetAsync(MySqlConnection target, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand("SELECT @@max_allowed_packet", target);
        var packet = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        return Math.Clamp(packet / 4, 64 * 1024, 4 * 1024 * 1024);
    }
}
