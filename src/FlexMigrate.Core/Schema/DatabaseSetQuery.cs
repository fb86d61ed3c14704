using FlexMigrate.Core.Sql;

namespace FlexMigrate.Core.Schema;

/// <summary>
/// One information_schema SELECT over many databases in one round trip per <see cref="SqlInList.DefaultBatchSize"/>
/// databases: the schema reader, metadata reader and precheck read a 1,000-database server with a few statements per
/// kind instead of one per database (issue 20: 1,000 databases x 10 tables spent most of its time in per-database
/// round trips and in a TRIGGERS filter that opened every table of the server for each database).
/// </summary>
internal static class DatabaseSetQuery
{
    /// <summary>Runs one statement (the caller's session, or connection and transaction) and returns its rows.</summary>
    public delegate Task<List<DbRow>> Runner(string sql, (string Name, object? Value)[] parameters);

    /// <summary>
    /// <paramref name="select"/> (SELECT ... FROM, no WHERE) over <paramref name="databases"/>, each database a UNION ALL
    /// branch filtered by <c><paramref name="schemaColumn"/> = @dbN</c> and <paramref name="andFilter"/> (see
    /// <see cref="SqlInList.UnionOfEquals"/>), with <paramref name="parameters"/> for the filter. Rows come in the order
    /// of <paramref name="databases"/>, then of <paramref name="orderBy"/> (column names of the result, or null), and
    /// only for exactly the named databases (information_schema may compare names case-insensitively, the selection is
    /// exact).
    /// </summary>
    public static Task<List<DbRow>> QueryAsync(
        Runner run, IReadOnlyList<string> databases, string select, string schemaColumn, string? orderBy, string andFilter = "",
        params (string Name, object? Value)[] parameters) =>
        QueryAsync(run, databases, StringComparer.Ordinal, select, schemaColumn, orderBy, andFilter, parameters);

    /// <summary><see cref="QueryAsync(Runner, IReadOnlyList{string}, string, string, string?, string, ValueTuple{string, object?}[])"/> with database names compared by <paramref name="names"/>.</summary>
    public static Task<List<DbRow>> QueryAsync(
        Runner run, IReadOnlyList<string> databases, StringComparer names, string select, string schemaColumn, string? orderBy,
        string andFilter = "", params (string Name, object? Value)[] parameters) =>
        QueryAsync(run, databases, names, [new Part(select, schemaColumn, andFilter)], schemaColumn, orderBy, parameters);

    /// <summary>
    /// Several information_schema tables in one statement per batch of databases: each <see cref="Part"/> a UNION ALL
    /// branch per database (its own schema column compared with <c>=</c>), every part selecting the same number of
    /// columns and naming the database column <paramref name="resultSchemaColumn"/> (the union takes the first part's
    /// names). The cutover reads what the target has of triggers, events, routines and database collations this way:
    /// one round trip while writes are stopped instead of one per table kind.
    /// Rows come grouped by database in the order of <paramref name="databases"/>, in part order within one.
    /// </summary>
    public static async Task<List<DbRow>> QueryAsync(
        Runner run, IReadOnlyList<string> databases, StringComparer names, IReadOnlyList<Part> parts, string resultSchemaColumn,
        string? orderBy, params (string Name, object? Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(databases);
        ArgumentNullException.ThrowIfNull(parts);
        var position = new Dictionary<string, int>(names);
        foreach (var database in databases)
        {
            position.TryAdd(database, position.Count);
        }

        var rows = new List<DbRow>();
        foreach (var batch in SqlInList.Batches([.. position.Keys]))
        {
            var sql = string.Join(" UNION ALL ", parts.Select(p => batch.UnionOfEquals(p.Select, p.SchemaColumn, p.AndFilter)))
                + (orderBy is null ? "" : " ORDER BY " + orderBy);
            rows.AddRange(await run(sql, [.. batch.Parameters, .. parameters]));
        }

        return [.. rows.Where(r => position.ContainsKey(r.Text(resultSchemaColumn))).OrderBy(r => position[r.Text(resultSchemaColumn)])];
    }

    /// <summary>One information_schema table's SELECT ... FROM (no WHERE), the column naming its database, and " AND ..." or "".</summary>
    public sealed record Part(string Select, string SchemaColumn, string AndFilter = "");
}
