using System.Collections.Immutable;
using MySqlConnector;

namespace FlexMigrate.Core.Replication;

/// <summary>
/// Reproduces on the target what InnoDB's foreign-key actions did on the source, which the binlog does not carry
/// (on MariaDB 10.11 only the parent row event is logged): ON DELETE CASCADE / SET NULL and ON UPDATE CASCADE /
/// SET NULL, recursively, with InnoDB's rules (https://dev.mysql.com/doc/refman/8.0/en/ansi-diff-foreign-keys.html):
/// a NULL in a key never matches; ON UPDATE acts only when a referenced value changes byte for byte and sets only
/// the changed columns; cascades nest at most <see cref="MaxDepth"/> levels; a cascaded update reaching a table an enclosing update
/// changes is refused (it acts like RESTRICT).
/// </summary>
/// <remarks>
/// Call inside the applier's target transaction with foreign_key_checks=0, before the parent row itself is deleted
/// or updated, and delete/update the parent row by its key (a self-referencing ON DELETE SET NULL may have just
/// nulled a column of that very row). Each level is one set-based statement per foreign key (in batches of
/// <see cref="BatchSize"/> parent keys). Levels run top-down: a level's rows are read (only the columns deeper
/// keys reference) and changed before the next level is looked for, so rows a cascade already deleted are not
/// found again, as InnoDB skips delete-marked records; that is what ends delete cycles and self references.
/// </remarks>
public sealed class CascadeEmulator(ForeignKeyGraph graph)
{
    /// <summary>
    /// The deepest level of rows a cascade may change. InnoDB's limit FK_MAX_CASCADE_DEL is 15 and counts the
    /// statement's own row: checked on MariaDB 10.11, deleting the head of a self-referencing chain with 14 rows
    /// below it succeeds, with 15 below it fails (error 193), and a leaf row 15 levels down fails the same way.
    /// </summary>
    public const int MaxDepth = 14;

    /// <summary>Parent keys per generated statement.</summary>
    public const int BatchSize = 500;

    private readonly ForeignKeyGraph _graph = graph ?? throw new ArgumentNullException(nameof(graph));

    /// <summary>Applies the ON DELETE actions of deleting <paramref name="row"/> from <paramref name="table"/>; returns rows affected.</summary>
    public async Task<long> BeforeDeleteAsync(
        MySqlConnection target,
        MySqlTransaction transaction,
        string database,
        string table,
        IReadOnlyDictionary<string, object?> row,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (!_graph.HasActionsOn(database, table))
        {
            return 0;
        }

        var run = new Run(target, transaction, cancellationToken);
        return await OnDeleteAsync(run, new TableId(database, table), [row], 0, []);
    }

    /// <summary>Applies the ON UPDATE actions of changing a row of <paramref name="table"/> from <paramref name="before"/> to <paramref name="after"/>; returns rows affected.</summary>
    public async Task<long> BeforeUpdateAsync(
        MySqlConnection target,
        MySqlTransaction transaction,
        string database,
        string table,
        IReadOnlyDictionary<string, object?> before,
        IReadOnlyDictionary<string, object?> after,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        if (!_graph.HasActionsOn(database, table))
        {
            return 0;
        }

        var run = new Run(target, transaction, cancellationToken);
        var parent = new TableId(database, table);
        return await OnUpdateAsync(run, parent, [new RowChange(before, after)], 0, [parent]);
    }

    /// <summary>The ON DELETE actions of the keys referencing <paramref name="parent"/> for <paramref name="rows"/> (deleted at <paramref name="depth"/>).</summary>
    private async Task<long> OnDeleteAsync(
        Run run, TableId parent, IReadOnlyList<IReadOnlyDictionary<string, object?>> rows, int depth, ImmutableHashSet<TableId> updating)
    {
        long affected = 0;
        foreach (var fk in _graph.ActionsOn(parent).Where(fk => fk.OnDelete.ActsOnChildren()))
        {
            var keys = rows.Select(row => KeyOf(row, fk)).Where(key => !KeyTuple.HasNull(key)).Distinct(KeyTuple.Comparer).ToList();
            if (keys.Count == 0)
            {
                continue;
            }

            affected += fk.OnDelete == ForeignKeyRule.Cascade
                ? await CascadeDeleteAsync(run, fk, keys, depth + 1, updating)
                : await SetNullAsync(run, fk, keys, depth + 1, updating);
        }

        return affected;
    }

    /// <summary>The ON UPDATE actions of the keys referencing <paramref name="parent"/> for <paramref name="changes"/>.</summary>
    private async Task<long> OnUpdateAsync(
        Run run, TableId parent, IReadOnlyList<RowChange> changes, int depth, ImmutableHashSet<TableId> updating)
    {
        long affected = 0;
        foreach (var fk in _graph.ActionsOn(parent).Where(fk => fk.OnUpdate.ActsOnChildren()))
        {
            var mappings = changes
                .Select(change => (Old: KeyOf(change.Before, fk), New: KeyOf(change.After, fk)))
                .Where(m => !KeyTuple.HasNull(m.Old) && !KeyTuple.Comparer.Equals(m.Old, m.New))
                .ToList();
            if (mappings.Count == 0)
            {
                continue;
            }

            if (fk.OnUpdate == ForeignKeyRule.SetNull)
            {
                affected += await SetNullAsync(run, fk, [.. mappings.Select(m => m.Old).Distinct(KeyTuple.Comparer)], depth + 1, updating);
                continue;
            }

            foreach (var (old, changed) in mappings.Select(m => (m.Old, Changed(m.Old, m.New))).DistinctBy(m => Signature(m.Old, m.Item2), KeyTuple.Comparer))
            {
                affected += await CascadeUpdateAsync(run, fk, old, changed, depth + 1, updating);
            }
        }

        return affected;
    }

    private async Task<long> CascadeDeleteAsync(Run run, ForeignKeyEdge fk, List<object?[]> keys, int depth, ImmutableHashSet<TableId> updating)
    {
        var deeper = _graph.ReferencedColumnsOf(fk.Child);
        List<Dictionary<string, object?>>? children = null;
        if (deeper.Count > 0 || depth > MaxDepth)
        {
            children = await SelectAsync(run, fk, keys, deeper);
            if (children.Count == 0)
            {
                return 0;
            }

            RefuseDepth(fk, depth);
        }

        var affected = await ExecuteBatchesAsync(run, keys, batch => CascadeSql.Delete(fk, batch));
        if (children is not null && deeper.Count > 0)
        {
            affected += await OnDeleteAsync(run, fk.Child, children, depth, updating);
        }

        return affected;
    }

    private async Task<long> SetNullAsync(Run run, ForeignKeyEdge fk, List<object?[]> keys, int depth, ImmutableHashSet<TableId> updating)
    {
        var nulled = fk.Columns.Select(c => c.Name).ToList();
        var deeper = DeeperColumns(fk.Child, nulled);
        List<Dictionary<string, object?>>? children = null;
        if (deeper.Count > 0 || depth > MaxDepth || updating.Contains(fk.Child))
        {
            children = await SelectAsync(run, fk, keys, deeper);
            if (children.Count == 0)
            {
                return 0;
            }

            RefuseDepth(fk, depth);
            RefuseCycle(fk, updating);
        }

        var affected = await ExecuteBatchesAsync(run, keys, batch => CascadeSql.SetNull(fk, batch));
        if (children is not null && deeper.Count > 0)
        {
            var changes = children.Select(row => new RowChange(row, With(row, nulled.Select(n => (n, (object?)null))))).ToList();
            affected += await OnUpdateAsync(run, fk.Child, changes, depth, updating.Add(fk.Child));
        }

        return affected;
    }

    private async Task<long> CascadeUpdateAsync(
        Run run, ForeignKeyEdge fk, object?[] oldKey, IReadOnlyList<ColumnChange> changed, int depth, ImmutableHashSet<TableId> updating)
    {
        var columns = changed.Select(c => fk.Columns[c.Index].Name).ToList();
        var deeper = DeeperColumns(fk.Child, columns);
        List<Dictionary<string, object?>>? children = null;
        if (deeper.Count > 0 || depth > MaxDepth || updating.Contains(fk.Child))
        {
            children = await SelectAsync(run, fk, [oldKey], deeper);
            if (children.Count == 0)
            {
                return 0;
            }

            RefuseDepth(fk, depth);
            RefuseCycle(fk, updating);
        }

        var affected = await ExecuteAsync(run, CascadeSql.Update(fk, oldKey, changed));
        if (children is not null && deeper.Count > 0)
        {
            var values = changed.Select(c => (fk.Columns[c.Index].Name, c.Value)).ToList();
            var changes = children.Select(row => new RowChange(row, With(row, values))).ToList();
            affected += await OnUpdateAsync(run, fk.Child, changes, depth, updating.Add(fk.Child));
        }

        return affected;
    }

    /// <summary>
    /// The columns to read from a child whose <paramref name="changing"/> columns a cascade sets: the ones deeper
    /// keys reference, or none when the change reaches no referenced column (then nothing cascades further).
    /// </summary>
    private IReadOnlyCollection<string> DeeperColumns(TableId child, IReadOnlyList<string> changing)
    {
        var referenced = _graph.ReferencedColumnsOf(child);
        return changing.Any(c => referenced.Contains(c, StringComparer.OrdinalIgnoreCase)) ? referenced : [];
    }

    private static void RefuseDepth(ForeignKeyEdge fk, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new ForeignKeyCascadeException(
                $"Foreign key cascade through {fk} would be {depth} levels deep; InnoDB refuses more than {MaxDepth}, so the "
                + $"source cannot have made this change with the rows the target holds. The target differs from the source in {fk.Child} or above it: re-copy these tables.");
        }
    }

    private static void RefuseCycle(ForeignKeyEdge fk, ImmutableHashSet<TableId> updating)
    {
        if (updating.Contains(fk.Child))
        {
            throw new ForeignKeyCascadeException(
                $"Foreign key {fk} would update {fk.Child} again inside a cascade that already updates it; InnoDB refuses this "
                + $"(it acts like RESTRICT), so the source cannot have made this change with the rows the target holds. The target differs from the source in {fk.Child}: re-copy it.");
        }
    }

    private static List<ColumnChange> Changed(object?[] oldKey, object?[] newKey) =>
        [.. Enumerable.Range(0, oldKey.Length).Where(i => !KeyTuple.BinaryEqual(oldKey[i], newKey[i])).Select(i => new ColumnChange(i, newKey[i]))];

    private static object?[] Signature(object?[] oldKey, List<ColumnChange> changed) =>
        [.. oldKey, .. changed.SelectMany(c => new object?[] { c.Index, c.Value })];

    private static object?[] KeyOf(IReadOnlyDictionary<string, object?> row, ForeignKeyEdge fk) =>
        [.. fk.ReferencedColumns.Select(column => ValueOf(row, column, fk))];

    private static object? ValueOf(IReadOnlyDictionary<string, object?> row, string column, ForeignKeyEdge fk)
    {
        if (row.TryGetValue(column, out var value))
        {
            return value;
        }

        // Column names are case-insensitive in MySQL; the caller's row may spell them as its table map did.
        foreach (var pair in row)
        {
            if (string.Equals(pair.Key, column, StringComparison.OrdinalIgnoreCase))
            {
                return pair.Value;
            }
        }

        throw new ArgumentException(
            $"The row of {fk.Parent} has no column '{column}', which foreign key {fk} references; pass full row images (binlog_row_image=FULL).");
    }

    private static Dictionary<string, object?> With(Dictionary<string, object?> row, IEnumerable<(string Column, object? Value)> values)
    {
        var copy = new Dictionary<string, object?>(row, StringComparer.OrdinalIgnoreCase);
        foreach (var (column, value) in values)
        {
            if (copy.ContainsKey(column))
            {
                copy[column] = value;
            }
        }

        return copy;
    }

    private static async Task<List<Dictionary<string, object?>>> SelectAsync(
        Run run, ForeignKeyEdge fk, List<object?[]> keys, IReadOnlyCollection<string> columns)
    {
        var rows = new List<Dictionary<string, object?>>();
        foreach (var batch in keys.Chunk(BatchSize))
        {
            await using var command = Command(run, CascadeSql.Select(fk, columns, batch));
            await using var reader = await command.ExecuteReaderAsync(run.Token);
            while (await reader.ReadAsync(run.Token))
            {
                var row = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                for (var i = 0; columns.Count > 0 && i < reader.FieldCount; i++)
                {
                    row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                }

                rows.Add(row);
            }
        }

        return rows;
    }

    private static async Task<long> ExecuteBatchesAsync(Run run, List<object?[]> keys, Func<object?[][], CascadeStatement> statement)
    {
        long affected = 0;
        foreach (var batch in keys.Chunk(BatchSize))
        {
            affected += await ExecuteAsync(run, statement(batch));
        }

        return affected;
    }

    private static async Task<long> ExecuteAsync(Run run, CascadeStatement statement)
    {
        await using var command = Command(run, statement);
        return await command.ExecuteNonQueryAsync(run.Token);
    }

    private static MySqlCommand Command(Run run, CascadeStatement statement)
    {
        var command = new MySqlCommand(statement.Sql, run.Connection, run.Transaction);
        for (var i = 0; i < statement.Parameters.Count; i++)
        {
            command.Parameters.AddWithValue("@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), statement.Parameters[i] ?? DBNull.Value);
        }

        return command;
    }

    private sealed record Run(MySqlConnection Connection, MySqlTransaction Transaction, CancellationToken Token);

    private sealed record RowChange(IReadOnlyDictionary<string, object?> Before, IReadOnlyDictionary<string, object?> After);
}
