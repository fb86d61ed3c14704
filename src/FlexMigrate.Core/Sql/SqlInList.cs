using System.Globalization;

namespace FlexMigrate.Core.Sql;

/// <summary>
/// The names of a set query over many databases (placeholders "@db0", "@db1", ...) with their parameter values: one
/// information_schema query for every selected database instead of one per database, as <see cref="UnionOfEquals"/>
/// (through <see cref="Schema.DatabaseSetQuery"/>), never as an IN list: the server answers
/// <c>TABLE_SCHEMA IN (...)</c> by opening every table of every database on the server (EXPLAIN: "Scanned all databases"), and <c>TABLE_SCHEMA = @db</c> by opening only that
/// database's ("Scanned 1 database"), so one IN query costs the whole server's table count however few are selected.
/// </summary>
/// <param name="Parameters">Name and value of each placeholder.</param>
public sealed record SqlInList((string Name, object? Value)[] Parameters)
{
    /// <summary>The list of <paramref name="values"/>, placeholders named <paramref name="prefix"/>0, 1, ...</summary>
    public static SqlInList Of(IEnumerable<string> values, string prefix = "@db")
    {
        ArgumentNullException.ThrowIfNull(values);
        return new SqlInList([.. values.Select((v, i) => (prefix + i.ToString(CultureInfo.InvariantCulture), (object?)v))]);
    }

    /// <summary>
    /// The values in lists of at most <paramref name="size"/> (placeholders numbered from 0 in each): one statement per
    /// list keeps a statement's length bounded whatever the number of databases.
    /// </summary>
    public static IEnumerable<SqlInList> Batches(IReadOnlyList<string> values, int size = DefaultBatchSize, string prefix = "@db")
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        return values.Chunk(size).Select(batch => Of(batch, prefix));
    }

    /// <summary>How many databases one set statement names: ~100 UNION ALL branches is a ~10 KB statement.</summary>
    public const int DefaultBatchSize = 100;

    /// <summary>
    /// <paramref name="select"/> (a SELECT ... FROM without WHERE) once per value, joined by UNION ALL, each branch
    /// filtered by <c>column = @dbN</c> and then <paramref name="andFilter"/> (" AND ..." or empty): one round trip for
    /// many databases in which the server still opens only the named databases' tables (see the type's remarks).
    /// An ORDER BY appended to the result sorts the whole union.
    /// </summary>
    public string UnionOfEquals(string select, string column, string andFilter = "")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(select);
        ArgumentException.ThrowIfNullOrWhiteSpace(column);
        return string.Join(" UNION ALL ", Parameters.Select(p => $"{select} WHERE {column} = {p.Name}{andFilter}"));
    }
}
