using System.Globalization;
using System.Text.Json;
using FlexMigrate.Core.Copy;
using MySqlConnector;

namespace FlexMigrate.Core.Ledger;

/// <summary>
/// The copy plan and each chunk's completion. The plan is stored once per table and read back on resume, so a
/// resumed run copies exactly the same key ranges (a re-plan after source writes would draw other bounds). A
/// chunk's completion is written by <see cref="MarkCopiedAsync"/> inside the transaction that loads its rows:
/// either both are on the target or neither is.
/// </summary>
public static class ChunkLedger
{
    /// <summary>
    /// Stores <paramref name="planned"/> as the table's plan unless a plan is already stored, and returns the stored
    /// plan with its progress. READ COMMITTED, so the existence check takes no gap locks: under REPEATABLE READ every
    /// table's first plan locked the same gap at the end of the index (new migrations' keys sort last), and planners
    /// of different tables and migrations deadlocked each other. Two planners of one table (a redelivered activity)
    /// both see no plan; the second's first insert waits on the first's row for the same key and fails as a duplicate
    /// once that commits, so exactly one plan is kept and the second reads it.
    /// </summary>
    public static async Task<IReadOnlyList<LedgerChunk>> PlanAsync(MySqlConnection target, string migrationId, string database, string table,
        IReadOnlyList<CopyChunk> planned, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(planned);
        try
        {
            await StorePlanAsync(target, migrationId, database, table, planned, cancellationToken).ConfigureAwait(false);
        }
        catch (MySqlException ex) when (ex.ErrorCode == MySqlErrorCode.DuplicateKeyEntry)
        {
            // Rolled back: the other planner's plan is the one kept.
        }

        return await ReadAsync(target, migrationId, database, table, cancellationToken).ConfigureAwait(false);
    }

    private static async Task StorePlanAsync(MySqlConnection target, string migrationId, string database, string table,
        IReadOnlyList<CopyChunk> planned, CancellationToken cancellationToken)
    {
        await using (var transaction = await target.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false))
        {
            await using var existing = LedgerSql.Command(target, transaction,
                $"SELECT COUNT(*) FROM {LedgerSchema.Chunks} WHERE migration_id = @id AND db = @db AND tbl = @tbl FOR UPDATE",
                ("@id", migrationId), ("@db", database), ("@tbl", table));
            if (Convert.ToInt64(await existing.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) == 0)
            {
                foreach (var chunk in planned)
                {
                    await LedgerSql.ExecuteAsync(target, transaction, $"""
                        INSERT INTO {LedgerSchema.Chunks} (migration_id, db, tbl, chunk_index, chunk_count, bounds_json)
                        VALUES (@id, @db, @tbl, @index, @count, @bounds)
                        """, cancellationToken, ("@id", migrationId), ("@db", database), ("@tbl", table), ("@index", chunk.Index),
                        ("@count", planned.Count), ("@bounds", JsonSerializer.Serialize(chunk))).ConfigureAwait(false);
                }
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Stores the single whole-table chunk as the plan of each of <paramref name="tables"/> that has none, in one
    /// statement per <see cref="TablesPerStatement"/> tables (issue 20: a batch of small tables paid five round trips a
    /// table here). A table with a stored plan keeps it: its chunk 0 exists, so the insert of that row does nothing;
    /// two planners of one table (a redelivered batch, or <see cref="PlanAsync"/> at once) meet on that same row, the
    /// second waiting for the first's commit, so exactly one plan is kept. Returns every table's stored plan.
    /// </summary>
    public static async Task<IReadOnlyDictionary<(string Database, string Table), IReadOnlyList<LedgerChunk>>> PlanWholeTablesAsync(
        MySqlConnection target, string migrationId, IReadOnlyList<(string Database, string Table)> tables, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var bounds = JsonSerializer.Serialize(CopyChunk.Whole);
        foreach (var batch in tables.Chunk(TablesPerStatement))
        {
            var values = string.Join(", ", batch.Select((_, i) => string.Create(CultureInfo.InvariantCulture, $"(@id, @db{i}, @t{i}, 0, 1, @bounds)")));
            await LedgerSql.ExecuteAsync(target, null, $"""
                INSERT INTO {LedgerSchema.Chunks} (migration_id, db, tbl, chunk_index, chunk_count, bounds_json) VALUES {values}
                ON DUPLICATE KEY UPDATE chunk_index = chunk_index
                """, cancellationToken, [("@id", migrationId), ("@bounds", bounds), .. TableParameters(batch)]).ConfigureAwait(false);
        }

        return await ReadTablesAsync(target, migrationId, tables, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <see cref="StartAsync"/> for the whole-table chunk (index 0) of each of <paramref name="tables"/>, a statement per
    /// <see cref="TablesPerStatement"/> tables: counts an attempt of each chunk not yet copied and returns every
    /// table's chunk as it stands (a copied one is skipped by the caller).
    /// </summary>
    public static async Task<IReadOnlyDictionary<(string Database, string Table), LedgerChunk>> StartWholeTablesAsync(
        MySqlConnection target, string migrationId, IReadOnlyList<(string Database, string Table)> tables, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tables);
        foreach (var batch in tables.Chunk(TablesPerStatement))
        {
            await LedgerSql.ExecuteAsync(target, null, $"""
                UPDATE {LedgerSchema.Chunks} SET attempts = attempts + 1
                WHERE migration_id = @id AND chunk_index = 0 AND copied_rows IS NULL AND ({TablesFilter(batch.Length)})
                """, cancellationToken, [("@id", migrationId), .. TableParameters(batch)]).ConfigureAwait(false);
        }

        var stored = await ReadTablesAsync(target, migrationId, tables, cancellationToken).ConfigureAwait(false);
        return stored.Where(s => s.Value.Count > 0).ToDictionary(s => s.Key, s => s.Value[0]);
    }

    /// <summary>The stored plans of <paramref name="tables"/> in chunk order (empty for a table never planned).</summary>
    public static async Task<IReadOnlyDictionary<(string Database, string Table), IReadOnlyList<LedgerChunk>>> ReadTablesAsync(
        MySqlConnection target, string migrationId, IReadOnlyList<(string Database, string Table)> tables, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var plans = tables.Distinct().ToDictionary(t => t, _ => new List<LedgerChunk>());
        try
        {
            foreach (var batch in tables.Chunk(TablesPerStatement))
            {
                await using var command = LedgerSql.Command(target, null, $"""
                    SELECT db, tbl, bounds_json, chunk_count, attempts, copied_rows, copied_bytes, copied_in_run FROM {LedgerSchema.Chunks}
                    WHERE migration_id = @id AND ({TablesFilter(batch.Length)}) ORDER BY db, tbl, chunk_index
                    """, [("@id", migrationId), .. TableParameters(batch)]);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    // The server may compare names case-insensitively; only the exact tables asked for are kept.
                    if (plans.TryGetValue((reader.GetString(0), reader.GetString(1)), out var chunks))
                    {
                        chunks.Add(ChunkAt(reader, 2, $"{reader.GetString(0)}.{reader.GetString(1)}"));
                    }
                }
            }
        }
        catch (MySqlException ex) when (LedgerSql.IsMissing(ex))
        {
            // No ledger yet.
        }

        return plans.ToDictionary(p => p.Key, p => (IReadOnlyList<LedgerChunk>)p.Value);
    }

    // Tables named in one ledger statement (the batch of a small-table copy is ~100).
    private const int TablesPerStatement = 200;

    // One branch per table on the key's (db, tbl) prefix, which the range optimizer reads as that many key lookups.
    private static string TablesFilter(int count) =>
        string.Join(" OR ", Enumerable.Range(0, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"(db = @db{i} AND tbl = @t{i})")));

    private static IEnumerable<(string Name, object? Value)> TableParameters(IEnumerable<(string Database, string Table)> tables) =>
        tables.SelectMany((t, i) => new (string, object?)[]
        {
            (string.Create(CultureInfo.InvariantCulture, $"@db{i}"), t.Database), (string.Create(CultureInfo.InvariantCulture, $"@t{i}"), t.Table),
        });

    /// <summary>The ledger row read from <paramref name="reader"/>'s columns starting at <paramref name="first"/> (bounds_json onwards).</summary>
    private static LedgerChunk ChunkAt(MySqlDataReader reader, int first, string table) => new(
        JsonSerializer.Deserialize<CopyChunk>(reader.GetString(first)) ?? throw new InvalidDataException($"Ledger chunk of {table} has empty bounds."),
        reader.GetInt32(first + 1),
        reader.GetInt32(first + 2),
        reader.IsDBNull(first + 3) ? null : reader.GetInt64(first + 3),
        reader.IsDBNull(first + 4) ? null : reader.GetInt64(first + 4),
        reader.IsDBNull(first + 5) ? null : reader.GetInt32(first + 5));

    /// <summary>The table's stored plan in chunk order; empty when it was never planned.</summary>
    public static Task<IReadOnlyList<LedgerChunk>> ReadAsync(MySqlConnection target, string migrationId, string database, string table,
        CancellationToken cancellationToken = default) =>
        ReadAsync(target, migrationId, database, table, null, cancellationToken);

    /// <summary>The table's stored chunks in order (only chunk <paramref name="index"/> when given).</summary>
    private static async Task<IReadOnlyList<LedgerChunk>> ReadAsync(MySqlConnection target, string migrationId, string database, string table,
        int? index, CancellationToken cancellationToken)
    {
        var chunks = new List<LedgerChunk>();
        try
        {
            await using var command = LedgerSql.Command(target, null, $"""
                SELECT bounds_json, chunk_count, attempts, copied_rows, copied_bytes, copied_in_run FROM {LedgerSchema.Chunks}
                WHERE migration_id = @id AND db = @db AND tbl = @tbl AND (@index IS NULL OR chunk_index = @index) ORDER BY chunk_index
                """, ("@id", migrationId), ("@db", database), ("@tbl", table), ("@index", index));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                chunks.Add(ChunkAt(reader, 0, $"{database}.{table}"));
            }
        }
        catch (MySqlException ex) when (LedgerSql.IsMissing(ex))
        {
            // No ledger yet.
        }

        return chunks;
    }

    /// <summary>
    /// Counts a copy attempt of one chunk (committed on its own, before the copy) and returns the chunk as it
    /// stands: when it is already copied, the caller skips the copy (a redelivered activity after a kill).
    /// </summary>
    public static async Task<LedgerChunk?> StartAsync(MySqlConnection target, string migrationId, string database, string table, int index,
        CancellationToken cancellationToken = default)
    {
        await LedgerSql.ExecuteAsync(target, null, $"""
            UPDATE {LedgerSchema.Chunks} SET attempts = attempts + 1
            WHERE migration_id = @id AND db = @db AND tbl = @tbl AND chunk_index = @index AND copied_rows IS NULL
            """, cancellationToken, ("@id", migrationId), ("@db", database), ("@tbl", table), ("@index", index)).ConfigureAwait(false);
        var chunks = await ReadAsync(target, migrationId, database, table, index, cancellationToken).ConfigureAwait(false);
        return chunks.FirstOrDefault();
    }

    /// <summary>
    /// Records the chunk as copied inside <paramref name="transaction"/>, the one that loaded its rows, by the
    /// migration's current run (the latest: one process drives a migration at a time). Throws when the plan has no
    /// such chunk: a completion that cannot be recorded must not commit rows the ledger then believes missing.
    /// </summary>
    public static async Task MarkCopiedAsync(MySqlConnection target, MySqlTransaction transaction, string migrationId, string database, string table,
        int index, long rows, long bytes, CancellationToken cancellationToken = default)
    {
        var updated = await LedgerSql.ExecuteAsync(target, transaction, $"""
            UPDATE {LedgerSchema.Chunks}
            SET copied_rows = @rows, copied_bytes = @bytes, copied_at = UTC_TIMESTAMP(6),
                copied_in_run = (SELECT MAX(run) FROM {LedgerSchema.Runs} WHERE migration_id = @id)
            WHERE migration_id = @id AND db = @db AND tbl = @tbl AND chunk_index = @index
            """, cancellationToken, ("@id", migrationId), ("@db", database), ("@tbl", table), ("@index", index), ("@rows", rows),
            ("@bytes", bytes)).ConfigureAwait(false);
        if (updated != 1)
        {
            throw new InvalidOperationException(
                $"The ledger of migration {migrationId} has no chunk {index} of {database}.{table}; the copy of that chunk was rolled back.");
        }
    }

    /// <summary>The migration's chunk counts (all tables).</summary>
    public static async Task<ChunkCounts> CountAsync(MySqlConnection target, string migrationId, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = LedgerSql.Command(target, null, $"""
                SELECT COUNT(*), COALESCE(SUM(copied_rows IS NOT NULL), 0), COALESCE(SUM(copied_rows IS NULL AND attempts > 0), 0),
                       COALESCE(SUM(attempts > 1), 0)
                FROM {LedgerSchema.Chunks} WHERE migration_id = @id
                """, ("@id", migrationId));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            return new ChunkCounts(Int(reader, 0), Int(reader, 1), Int(reader, 2), Int(reader, 3));
        }
        catch (MySqlException ex) when (LedgerSql.IsMissing(ex))
        {
            return new ChunkCounts(0, 0, 0, 0);
        }
    }

    private static int Int(MySqlDataReader reader, int ordinal) => Convert.ToInt32(reader.GetValue(ordinal), CultureInfo.InvariantCulture);
}
