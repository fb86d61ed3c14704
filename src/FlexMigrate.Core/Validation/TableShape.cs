namespace FlexMigrate.Core.Validation;

/// <summary>The columns validation compares on one server, and the key that identifies rows.</summary>
/// <param name="Columns">Compared columns (those present on both servers), in the same order on both sides.</param>
/// <param name="KeyColumns">
/// The primary key (or a unique key over NOT NULL columns) as names from <paramref name="Columns"/>; empty for a table
/// without one, which then compares as a multiset of rows.
/// </param>
public sealed record TableShape(IReadOnlyList<ValidatedColumn> Columns, IReadOnlyList<string> KeyColumns)
{
    internal IReadOnlyList<ValidatedColumn> Key =>
        KeyColumns.Select(k => Columns.First(c => string.Equals(c.Name, k, StringComparison.OrdinalIgnoreCase))).ToList();
}
