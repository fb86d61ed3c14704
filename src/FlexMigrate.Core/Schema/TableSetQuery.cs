using System.Globalization;

namespace FlexMigrate.Core.Schema;

/// <summary>
/// One information_schema query over many named tables (issue 20): each table a UNION ALL branch filtered by
/// <c>TABLE_SCHEMA = @dbN AND TABLE_NAME = @tN</c>, a few hundred tables a statement. With both names compared by '='
/// the server opens only that table (EXPLAIN: "Scanned 0 databases"), where a database-wide read opens all of its
/// tables; the way to read a fact of some tables of a large database (see <see cref="DatabaseSetQuery"/> for whole
/// databases).
/// </summary>
internal static class TableSetQuery
{
    // Tables named in one statement: each branch ~150 bytes, ~30 KB a statement.
    private const int TablesPerStatement = 200;

    /// <summary>
    /// <paramref name="select"/> (SELECT ... FROM an information_schema table with TABLE_SCHEMA and TABLE_NAME, no
    /// WHERE) for each of <paramref name="tables"/>, then <paramref name="andFilter"/> (" AND ..." or empty). Rows come
    /// as the server names the tables (which may differ in case from <paramref name="tables"/>).
    /// </summary>
    public static async Task<List<DbRow>> QueryAsync(DatabaseSetQuery.Runner run, IReadOnlyList<ObjectName> tables, string select, string andFilter = "")
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(tables);
        var rows = new List<DbRow>();
        foreach (var batch in tables.Chunk(TablesPerStatement))
        {
            var sql = string.Join(" UNION ALL ", batch.Select((_, i) => string.Create(CultureInfo.InvariantCulture,
                $"{select} WHERE TABLE_SCHEMA = @db{i} AND TABLE_NAME = @t{i}{andFilter}")));
            var parameters = batch.SelectMany((t, i) => new (string, object?)[]
            {
                (string.Create(CultureInfo.InvariantCulture, $"@db{i}"), t.Database), (string.Create(CultureInfo.InvariantCulture, $"@t{i}"), t.Name),
            }).ToArray();
            rows.AddRange(await run(sql, parameters));
        }

        return rows;
    }
}
