namespace FlexMigrate.Core.Schema;

/// <summary>
/// The one rule for the key that identifies a table's rows, shared by the copy (chunk bounds and order), validation
/// (row matching) and replication (idempotent writes): the PRIMARY KEY, else the UNIQUE key with the fewest parts
/// (then by name) whose parts are whole columns (no functional key part, MySQL 8.0.13+) that are NOT NULL (a UNIQUE
/// key admits several NULLs, so it identifies nothing then). Each path may admit fewer keys (the copy needs whole,
/// orderable values; replication cannot write generated columns): a key with a part it does not admit is passed over.
/// </summary>
public static class RowIdentity
{
    /// <summary>The identifying key of <paramref name="table"/>, or null when it has none.</summary>
    /// <param name="table">The table.</param>
    /// <param name="admits">Whether a key part over a column is acceptable for the caller (all are when null).</param>
    public static IndexSchema? Choose(TableShapeFacts table, Func<ColumnSchema, IndexColumn, bool>? admits = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        var candidates = table.Indexes.Where(i => i.Kind == IndexKind.Unique)
            .OrderBy(i => i.Columns.Count).ThenBy(i => i.Name, StringComparer.Ordinal);
        return (table.PrimaryKey is null ? candidates : candidates.Prepend(table.PrimaryKey))
            .FirstOrDefault(key => key.Columns.Count > 0 && key.Columns.All(part => Identifies(table, part, admits)));
    }

    /// <summary>The columns of the identifying key, in key order; empty when the table has none.</summary>
    public static IReadOnlyList<ColumnSchema> Columns(TableShapeFacts table, Func<ColumnSchema, IndexColumn, bool>? admits = null) =>
        Choose(table, admits)?.Columns.Select(part => table.Column(part.Name)!).ToList() ?? [];

    private static bool Identifies(TableShapeFacts table, IndexColumn part, Func<ColumnSchema, IndexColumn, bool>? admits) =>
        table.Column(part.Name) is { IsNullable: false } column && (admits is null || admits(column, part));
}
