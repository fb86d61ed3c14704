using System.Diagnostics;
using System.IO.Pipelines;
using System.Text;
using FlexMigrate.Core.Schema;
using FlexMigrate.Core.Testing;
using MySqlConnector;

namespace FlexMigrate.Core.Copy;

/// <summary>
/// Copies one chunk of a table from the source to the target, exactly and idempotently.
/// <para>
/// A reader task streams the chunk's rows from the source (every value as the server's bytes, see
/// <see cref="CopySql.SelectExpression"/>) and encodes them into a bounded pipe; concurrently the target runs
/// LOAD DATA LOCAL reading that pipe, so reading and writing overlap and memory stays at a few MB plus the largest
/// row, whatever the table's size. LOAD DATA was chosen by measurement over multi-row INSERT (docs/copy.md).
/// </para>
/// <para>
/// Idempotent: in one target transaction the chunk's key range is emptied, then loaded, then committed; a retried
/// chunk therefore replaces what a previous attempt left and never duplicates or drops rows. A whole-table chunk
/// (tables without a usable key) truncates the table first. A <see cref="ChunkCommitHook"/> writes in the same
/// transaction (the progress ledger records the chunk's completion with its rows).
/// </para>
/// </summary>
public sealed class TableCopier
{
    private const int PipePauseBytes = 4 * 1024 * 1024;
    private const int MaxReportedWarnings = 10;

    /// <summary>Tests lower the row-size limit instead of the target's global max_allowed_packet.</summary>
    internal long? MaxRowBytesOverride { get; init; }

    /// <summary>The migration's --max-rows-per-second bucket; rows are taken from it as they are read (null: unlimited).</summary>
    public Throttling.RowRateLimiter? RowRate { get; init; }

    /// <summary>
    /// Copies <paramref name="chunk"/> of <paramref name="spec"/> and returns what was written. Throws
    /// <see cref="RowTooLargeException"/> for a row over the target's max_allowed_packet and
    /// <see cref="CopyException"/> when the target changes or refuses values. <paramref name="beforeCommit"/> runs in
    /// the chunk's transaction just before it commits.
    /// </summary>
    public async Task<ChunkCopyResult> CopyChunkAsync(
        string sourceConnectionString,
        string targetConnectionString,
        CopyTableSpec spec,
        CopyChunk chunk,
        IProgress<CopyProgress>? progress = null,
        CancellationToken cancellationToken = default,
        ChunkCommitHook? beforeCommit = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(chunk);
        if (spec.Columns.Count == 0)
            throw new CopyException($"Table {spec.DisplayName} has no column to copy (all generated?).");

        var stopwatch = Stopwatch.StartNew();
        using var wide = await WideRows.EnterAsync(spec, cancellationToken);
        var sourceTask = CopySessions.OpenSourceAsync(sourceConnectionString, cancellationToken);
        var targetTask = CopySessions.OpenTargetAsync(targetConnectionString, cancellationToken);
        await using var source = await sourceTask;
        await using var target = await targetTask;

        var maxPacket = MaxRowBytesOverride
            ?? await CopySessions.ScalarAsync<long>(target, "SELECT @@max_allowed_packet", cancellationToken);
        await using var transaction = await PrepareRangeAsync(target, spec, chunk, cancellationToken);

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: PipePauseBytes, resumeWriterThreshold: PipePauseBytes / 2,
            useSynchronizationContext: false));
        // No token on Task.Run itself: the reader must always start, so it always completes the pipe and the load ends.
        var reading = Task.Run(() => ReadChunkAsync(source, spec, chunk, pipe.Writer, maxPacket, progress, RowRate, linked.Token), CancellationToken.None);
        var loaded = await LoadAsync(target, spec, pipe.Reader, reading, linked);
        var (rows, bytes) = await reading;

        if (loaded != rows)
            throw new CopyException(
                $"Table {spec.DisplayName} chunk {chunk.Index}: read {rows} rows from the source but the target loaded {loaded}. " +
                "The target table differs from the source (a unique key the source does not have?); compare their definitions.");
        await ThrowOnLoadWarningsAsync(target, transaction, spec, chunk, cancellationToken);
        if (beforeCommit is not null)
            await beforeCommit(target, transaction, rows, bytes, cancellationToken);
        // Crash tests stop the process here: rows loaded and the ledger written, nothing committed.
        await PausePoint.ReachAsync("chunk-commit", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ChunkCopyResult(rows, bytes, stopwatch.Elapsed);
    }

    /// <summary>
    /// Empties the chunk's range on the target and opens the transaction the load runs in. A key range is deleted
    /// inside the transaction; a whole table holding rows is truncated before it (TRUNCATE commits implicitly). The probes avoid
    /// the DELETE, and its gap locks that would serialize parallel chunks, when the range is already empty.
    /// </summary>
    private static async Task<MySqlTransaction> PrepareRangeAsync(MySqlConnection target, CopyTableSpec spec, CopyChunk chunk,
        CancellationToken cancellationToken)
    {
        var where = CopySql.RangePredicate(spec, chunk);
        if (where is null)
        {
            // Usually the empty table the migration just created: TRUNCATE is DDL (InnoDB drops and makes the
            // tablespace again) and cost ~130 ms a table on a loaded target, half the server time of copying 1,000
            // databases x 10 tables (issue 20), so it runs only when an earlier attempt left rows.
            await using var rows = new MySqlCommand($"SELECT 1 FROM {spec.QualifiedName} LIMIT 1", target);
            if (await rows.ExecuteScalarAsync(cancellationToken) is not null)
                await CopySessions.ExecuteAsync(target, $"TRUNCATE TABLE {spec.QualifiedName}", cancellationToken);
            return await target.BeginTransactionAsync(cancellationToken);
        }

        // READ COMMITTED: InnoDB then locks only the rows the DELETE removes, not the gaps around the range, so a
        // retried chunk never blocks (or deadlocks with) neighbouring chunks loading in parallel. Under REPEATABLE
        // READ the retry's next-key locks made adjacent loads wait out innodb_lock_wait_timeout.
        var transaction = await target.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted, cancellationToken);
        await using var probe = new MySqlCommand($"SELECT 1 FROM {spec.QualifiedName} WHERE {where} LIMIT 1", target, transaction);
        if (await probe.ExecuteScalarAsync(cancellationToken) is not null)
            await CopySessions.ExecuteAsync(target, $"DELETE FROM {spec.QualifiedName} WHERE {where}", cancellationToken, transaction);
        return transaction;
    }

    private static async Task<int> LoadAsync(MySqlConnection target, CopyTableSpec spec, PipeReader input, Task reading,
        CancellationTokenSource linked)
    {
        var (columns, expressions) = CopySql.LoadTargets(spec);
        var loader = new MySqlBulkLoader(target)
        {
            TableName = spec.QualifiedName,
            CharacterSet = "binary",
            FieldTerminator = "\t",
            LineTerminator = "\n",
            EscapeCharacter = '\\',
            Local = true,
            Timeout = 0,
            SourceStream = input.AsStream(),
        };
        loader.Columns.AddRange(columns);
        loader.Expressions.AddRange(expressions);
        try
        {
            return await loader.LoadAsync(linked.Token);
        }
        catch (Exception ex)
        {
            // Stop the reader (it may wait on a full pipe). If the reader failed first (a row too large, a source
            // error), the load only failed because its stream did: report the reader's error.
            await linked.CancelAsync();
            await input.CompleteAsync(ex);
            try
            {
                await reading;
            }
            catch (Exception readError) when (readError is not OperationCanceledException)
            {
                throw;
            }
            catch (OperationCanceledException)
            {
                // The reader stopped because the load failed: the load's error is the one to report.
            }
            throw TranslateLoadError(spec, ex);
        }
    }

    private static async Task<(long Rows, long Bytes)> ReadChunkAsync(MySqlConnection source, CopyTableSpec spec, CopyChunk chunk,
        PipeWriter output, long maxPacket, IProgress<CopyProgress>? progress, Throttling.RowRateLimiter? rowRate, CancellationToken cancellationToken)
    {
        long rows = 0;
        long paced = 0;
        var writer = new LoadDataRowWriter(output, spec.Columns.Count, spec.Columns.Count + spec.KeyColumns.Count);
        try
        {
            await using var command = new MySqlCommand(CopySql.SelectChunk(spec, chunk), source) { CommandTimeout = 0 };
            await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken);
            var reportedBytes = 0L;
            while (await reader.ReadAsync(cancellationToken))
            {
                var rowBytes = writer.MeasureRow(reader);
                if (rowBytes > maxPacket)
                    throw new RowTooLargeException(spec.DisplayName, DescribeKey(spec, reader), rowBytes, maxPacket);
                await writer.WriteRowAsync(reader, cancellationToken);
                WideRows.Read(rowBytes);
                rows++;
                if (rowRate is not null && rows - paced >= rowRate.Step)
                {
                    await rowRate.TakeAsync(rows - paced, cancellationToken);
                    paced = rows;
                }

                if (progress is not null && writer.Bytes - reportedBytes >= 1 << 20)
                {
                    reportedBytes = writer.Bytes;
                    progress.Report(new CopyProgress(rows, writer.Bytes));
                }
            }
            await writer.FlushAsync(cancellationToken);
            await output.CompleteAsync();
            progress?.Report(new CopyProgress(rows, writer.Bytes));
            return (rows, writer.Bytes);
        }
        catch (Exception ex)
        {
            await output.CompleteAsync(ex);
            throw;
        }
    }

    /// <summary>The row's key as "(a=1, b='x')" for messages, or "at position n" for a table without a key.</summary>
    private static string DescribeKey(CopyTableSpec spec, MySqlDataReader reader)
    {
        if (!spec.HasKey)
            return "(table without a key)";
        var parts = new List<string>(spec.KeyColumns.Count);
        for (var i = 0; i < spec.KeyColumns.Count; i++)
        {
            var column = spec.KeyColumns[i];
            var bytes = (byte[])reader.GetValue(spec.Columns.Count + i);
            parts.Add($"{column.Name}={KeyValue.FromSourceBytes(column, bytes).ToSqlLiteral()}");
        }
        return "(" + string.Join(", ", parts) + ")";
    }

    private static Exception TranslateLoadError(CopyTableSpec spec, Exception ex) => ex switch
    {
        MySqlException { ErrorCode: MySqlErrorCode.NotAllowedCommand } or MySqlException { Number: 3948 } => new CopyException(
            $"The target refused LOAD DATA LOCAL INFILE while copying {spec.DisplayName}: {ex.Message} " +
            "Set the server parameter local_infile=ON on the target.", ex),
        MySqlException mysql => new CopyException($"The target failed loading {spec.DisplayName}: {mysql.Message}", ex),
        _ => ex,
    };

    /// <summary>
    /// The load runs in a permissive sql_mode (zero dates must load), so a value the target changes is only a
    /// warning: any warning fails the chunk, except "data truncated" on an ENUM/SET column, which is how the
    /// server reports storing the empty error value (index 0) the source holds, and a warning on a generated column:
    /// no loaded value is changed, the target computed it (a target that logs ROW binlogs with binlog_row_image=FULL,
    /// as Flexible Server does, computes VIRTUAL columns for the row image, and an expression that overflows on the
    /// source's own value warns there too).
    /// </summary>
    private static async Task ThrowOnLoadWarningsAsync(MySqlConnection target, MySqlTransaction transaction, CopyTableSpec spec, CopyChunk chunk,
        CancellationToken cancellationToken)
    {
        var warnings = new List<string>();
        await using (var command = new MySqlCommand("SHOW WARNINGS", target, transaction))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var code = Convert.ToInt32(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture);
                var message = reader.GetString(2);
                if (!IsEnumZeroWarning(spec, code, message) && !NamesGeneratedColumn(spec, message) && warnings.Count < MaxReportedWarnings)
                    warnings.Add($"{code}: {message}");
            }
        }
        if (warnings.Count > 0)
            throw new CopyException(
                $"The target changed values while loading {spec.DisplayName} chunk {chunk.Index} (rolled back): " +
                string.Join("; ", warnings) + ". The target table's definition differs from the source's; fix it and run again.");
    }

    private static bool NamesGeneratedColumn(CopyTableSpec spec, string message) =>
        spec.GeneratedColumns.Any(c => message.Contains(new StringBuilder("column '").Append(c).Append('\'').ToString(), StringComparison.Ordinal));

    private static bool IsEnumZeroWarning(CopyTableSpec spec, int code, string message) =>
        code == 1265 && spec.Columns.Any(c => c.Kind is ColumnTypeFamily.Enum or ColumnTypeFamily.Set
            && message.Contains(new StringBuilder("'").Append(c.Name).Append('\'').ToString(), StringComparison.Ordinal));
}
