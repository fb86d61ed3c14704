using System.Text;
using FlexMigrate.Core.Binlog;
using MySqlConnector;

namespace FlexMigrate.Core.Replication;

/// <summary>
/// Turns row changes into multi-row statements on the target, inside the caller's transaction: insert and update
/// write the full after-image with REPLACE keyed by the replication key, delete removes by key (no-op when absent),
/// an update that changes the key deletes the old key first. Values go as parameters, never formatted into SQL.
/// Foreign-key cascades are emulated through <see cref="CascadeCalls"/> before the parent row changes, after every
/// pending write is flushed (the emulation reads child rows on the target).
/// </summary>
internal sealed class RowBatcher(ReplicatedTableReader tables, ReplicationBatch batch, long maxStatementBytes)
{
    private const int MaxPendingRows = 20_000;
    private readonly Dictionary<(string, string), TableBuffer> _buffers = [];

    // The round trip or cascade in flight, kept when it fails (described only when a failure asks: the hot path only records it).
    private (List<Statement> Statements, int First, int End)? _sent;
    private string? _cascading;

    public CascadeCalls Cascade { get; set; } = CascadeCalls.None;

    /// <summary>
    /// What the round trip to the target that failed was writing (the tables of its row statements, or the cascade it
    /// emulated), for the message the applier reports (<see cref="ReplicationCommitException.Refused"/>); null when no
    /// write failed.
    /// </summary>
    public string? Writing => _cascading ?? (_sent is { } sent ? Describe(sent.Statements, sent.First, sent.End) : null);

    /// <summary>Forgets pending writes (the target transaction was rolled back or the connection lost).</summary>
    public void Discard()
    {
        _buffers.Clear();
        (_sent, _cascading) = (null, null);
    }

    /// <summary>
    /// Adds the row changes of in-scope tables among <paramref name="changes"/>, in order. <paramref name="transaction"/>
    /// is asked for only when a change needs the target (a table's shape, a cascade, a full buffer): buffering alone
    /// does not, so the group before can still be committing on the connection meanwhile
    /// (<see cref="CheckpointCommitter.StartCommitAsync"/>).
    /// </summary>
    public async Task AddRowsAsync(IEnumerable<BinlogChange> changes, ReplicationScope scope, MySqlConnection target,
        Func<CancellationToken, Task<MySqlTransaction>> transaction, CancellationToken cancellationToken)
    {
        foreach (var change in changes)
        {
            if (change is RowChange row && scope.IncludesTable(row.Database, row.Table))
            {
                await AddAsync(row, target, transaction, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async ValueTask AddAsync(RowChange change, MySqlConnection target, Func<CancellationToken, Task<MySqlTransaction>> open, CancellationToken cancellationToken)
    {
        var buffer = await BufferForAsync(change, target, open, cancellationToken).ConfigureAwait(false);
        switch (change.Operation)
        {
            case RowOperation.Insert:
                buffer.Upsert(change.After!);
                batch.Pending.Inserted++;
                break;
            case RowOperation.Update:
                if (Cascade.OnUpdate(change.Database, change.Table))
                {
                    var transaction = await open(cancellationToken).ConfigureAwait(false);
                    await FlushAsync(target, transaction, null, cancellationToken).ConfigureAwait(false);
                    _cascading = $"the foreign-key cascade of an UPDATE of {buffer.Table.QualifiedName}";
                    var cascaded = await Cascade.BeforeUpdateAsync(target, transaction, change.Database, change.Table,
                        ByName(change.Columns, change.Before!), ByName(change.Columns, change.After!), cancellationToken).ConfigureAwait(false);
                    _cascading = null;
                    batch.Pending.Cascaded += cascaded;
                }

                var oldKey = buffer.KeyOf(change.Before!);
                if (!SameKey(oldKey, buffer.KeyOf(change.After!)))
                {
                    buffer.Delete(oldKey);
                }

                buffer.Upsert(change.After!);
                batch.Pending.Updated++;
                break;
            case RowOperation.Delete:
                if (Cascade.OnDelete(change.Database, change.Table))
                {
                    var transaction = await open(cancellationToken).ConfigureAwait(false);
                    await FlushAsync(target, transaction, null, cancellationToken).ConfigureAwait(false);
                    _cascading = $"the foreign-key cascade of a DELETE from {buffer.Table.QualifiedName}";
                    var cascaded = await Cascade.BeforeDeleteAsync(target, transaction, change.Database, change.Table,
                        ByName(change.Columns, change.Before!), cancellationToken).ConfigureAwait(false);
                    _cascading = null;
                    batch.Pending.Cascaded += cascaded;
                }

                buffer.Delete(buffer.KeyOf(change.Before!));
                batch.Pending.Deleted++;
                break;
        }

        if (buffer.PendingBytes > maxStatementBytes * 4 || buffer.Count >= MaxPendingRows)
        {
            await FlushTableAsync(buffer, target, await open(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Writes every pending change (call before commit, DDL, or a cascade), then <paramref name="trailing"/> (the
    /// group's checkpoint row), inside <paramref name="transaction"/>, in order, pipelined: statements go as batches
    /// of one round trip each, a batch as big as one statement may be. The pending changes are taken before this
    /// returns (the buffers are empty for the next group while the returned task still sends them).
    /// </summary>
    public Task FlushAsync(MySqlConnection target, MySqlTransaction? transaction, MySqlBatchCommand? trailing, CancellationToken cancellationToken)
    {
        var statements = new List<Statement>();
        foreach (var buffer in _buffers.Values)
        {
            AddStatements(buffer, statements);
        }

        if (trailing is not null)
        {
            statements.Add(new Statement(trailing, 0, null));
        }

        return ExecuteAsync(statements, target, transaction, cancellationToken);
    }

    private async ValueTask<TableBuffer> BufferForAsync(RowChange change, MySqlConnection target, Func<CancellationToken, Task<MySqlTransaction>> open,
        CancellationToken cancellationToken)
    {
        if (_buffers.TryGetValue((change.Database, change.Table), out var buffer) && buffer.SameLayout(change.Columns))
        {
            return buffer;
        }

        var transaction = await open(cancellationToken).ConfigureAwait(false);
        if (buffer is not null)
        {
            await FlushTableAsync(buffer, target, transaction, cancellationToken).ConfigureAwait(false);
        }

        var table = await tables.GetAsync(change.Database, change.Table, transaction, cancellationToken).ConfigureAwait(false);
        buffer = new TableBuffer(table, change.Columns, KeyIndexes(change, table));
        _buffers[(change.Database, change.Table)] = buffer;
        return buffer;
    }

    // The binlog's own primary key (binlog_row_metadata=FULL) describes the event exactly; else the catalog's key.
    private static int[] KeyIndexes(RowChange change, ReplicatedTable table)
    {
        if (change.PrimaryKey.Count > 0)
        {
            return [.. change.PrimaryKey];
        }

        var indexes = new int[table.KeyColumns.Count];
        for (var k = 0; k < indexes.Length; k++)
        {
            indexes[k] = -1;
            for (var c = 0; c < change.Columns.Count; c++)
            {
                if (string.Equals(change.Columns[c].Name, table.KeyColumns[k], StringComparison.OrdinalIgnoreCase))
                {
                    indexes[k] = c;
                }
            }
        }

        if (indexes.Length == 0 || indexes.Contains(-1))
        {
            throw new UserActionRequiredException(
                $"Table {table.QualifiedName} has no PRIMARY KEY and no UNIQUE key on NOT NULL columns on the source, so its row changes cannot be " +
                "replayed exactly (a row cannot be identified). Add a primary key to the table on the source, or exclude it from the online migration " +
                "(and migrate it offline).");
        }

        return indexes;
    }

    private static bool SameKey(object?[] a, object?[] b)
    {
        for (var i = 0; i < a.Length; i++)
        {
            if (!RowKey.ValueEquals(a[i], b[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static Dictionary<string, object?> ByName(IReadOnlyList<BinlogColumn> columns, object?[] values)
    {
        var row = new Dictionary<string, object?>(columns.Count, StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < columns.Count; i++)
        {
            row[columns[i].Name] = values[i];
        }

        return row;
    }

    private async Task FlushTableAsync(TableBuffer buffer, MySqlConnection target, MySqlTransaction? transaction, CancellationToken cancellationToken)
    {
        var statements = new List<Statement>();
        AddStatements(buffer, statements);
        await ExecuteAsync(statements, target, transaction, cancellationToken).ConfigureAwait(false);
    }

    // Sends the statements in order, as few round trips as maxStatementBytes allows: the server takes one batch as one
    // COM_QUERY (MySqlConnector joins a text batch with ';'), so a batch stays under max_allowed_packet like one statement.
    private async Task ExecuteAsync(List<Statement> statements, MySqlConnection target, MySqlTransaction? transaction,
        CancellationToken cancellationToken)
    {
        var next = 0;
        while (next < statements.Count)
        {
            await using var pipeline = new MySqlBatch(target, transaction) { Timeout = 0 };
            long bytes = 0;
            var first = next;
            do
            {
                pipeline.BatchCommands.Add(statements[next].Command);
                bytes += statements[next].Bytes;
                next++;
            }
            while (next < statements.Count && bytes + statements[next].Bytes <= maxStatementBytes);

            (_sent, _cascading) = ((statements, first, next), null);
            await pipeline.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            _sent = null;
        }
    }

    // "rows of `a`.`t`, `a`.`u`" (and "the checkpoint row"): what statements[first..end) write, in order, once each.
    private static string Describe(List<Statement> statements, int first, int end)
    {
        var tables = statements.Skip(first).Take(end - first).Select(s => s.Table ?? "").Distinct(StringComparer.Ordinal).ToList();
        var rows = string.Join(", ", tables.Where(t => t.Length > 0));
        return (rows.Length > 0, tables.Contains("")) switch
        {
            (true, true) => $"rows of {rows} and the checkpoint row",
            (true, false) => $"rows of {rows}",
            _ => "the checkpoint row",
        };
    }

    // The buffer's pending writes as statements (merging: deletes, then upserts; else runs of one kind in order); clears it.
    private void AddStatements(TableBuffer buffer, List<Statement> statements)
    {
        var entries = buffer.Entries;
        if (entries.Count == 0)
        {
            return;
        }

        if (buffer.Merging)
        {
            AddRun(buffer, entries.Where(e => e.IsDelete), isDelete: true, statements);
            AddRun(buffer, entries.Where(e => !e.IsDelete), isDelete: false, statements);
        }
        else
        {
            var start = 0;
            for (var i = 1; i <= entries.Count; i++)
            {
                if (i == entries.Count || entries[i].IsDelete != entries[start].IsDelete)
                {
                    AddRun(buffer, entries.Skip(start).Take(i - start), entries[start].IsDelete, statements);
                    start = i;
                }
            }
        }

        buffer.Clear();
    }

    // One or more statements for a run of the same kind, each within maxStatementBytes (one row may exceed it alone).
    private void AddRun(TableBuffer buffer, IEnumerable<TableBuffer.Entry> run, bool isDelete, List<Statement> statements)
    {
        var sql = new StringBuilder(isDelete ? buffer.DeletePrefix : buffer.UpsertPrefix);
        var command = new MySqlBatchCommand();
        var rows = 0;
        long bytes = 0;
        foreach (var entry in run)
        {
            var values = isDelete ? entry.Key : entry.Image!;
            var size = EstimateSize(values, isDelete ? null : buffer.WriteIndexes);
            if (rows > 0 && bytes + size > maxStatementBytes)
            {
                statements.Add(new Statement(Finish(command, sql, buffer, isDelete), bytes, buffer.Table.QualifiedName));
                command = new MySqlBatchCommand();
                sql.Clear().Append(isDelete ? buffer.DeletePrefix : buffer.UpsertPrefix);
                rows = 0;
                bytes = 0;
            }

            if (rows > 0)
            {
                sql.Append(isDelete && buffer.KeyIndexes.Length > 1 ? " OR " : ", ");
            }

            sql.Append(isDelete ? buffer.DeleteTuple : buffer.UpsertTuple);
            if (isDelete)
            {
                foreach (var v in values)
                {
                    command.Parameters.Add(new MySqlParameter { Value = v });
                }
            }
            else
            {
                foreach (var i in buffer.WriteIndexes)
                {
                    command.Parameters.Add(new MySqlParameter { Value = values[i] });
                }
            }

            rows++;
            bytes += size;
        }

        if (rows > 0)
        {
            statements.Add(new Statement(Finish(command, sql, buffer, isDelete), bytes, buffer.Table.QualifiedName));
        }
    }

    private static MySqlBatchCommand Finish(MySqlBatchCommand command, StringBuilder sql, TableBuffer buffer, bool isDelete)
    {
        if (isDelete && buffer.KeyIndexes.Length == 1)
        {
            sql.Insert(buffer.DeletePrefix.Length, buffer.KeyColumnName + " IN (").Append(')');
        }

        command.CommandText = sql.ToString();
        return command;
    }

    /// <summary>Upper bound of the values' size in statement text (MySqlConnector escapes bytes; UTF-16 strings become UTF-8).</summary>
    internal static long EstimateSize(object?[] values, int[]? indexes)
    {
        long size = 4;
        if (indexes is null)
        {
            foreach (var v in values)
            {
                size += SizeOf(v);
            }
        }
        else
        {
            foreach (var i in indexes)
            {
                size += SizeOf(values[i]);
            }
        }

        return size;
    }

    private static long SizeOf(object? v) => v switch
    {
        byte[] b => (b.Length * 2L) + 12,
        string s => (s.Length * 3L) + 4,
        _ => 24,
    };

    // One statement of a flush: its bytes (for the round trip's budget) and the table it writes (null: the checkpoint row).
    private readonly record struct Statement(MySqlBatchCommand Command, long Bytes, string? Table);
}
