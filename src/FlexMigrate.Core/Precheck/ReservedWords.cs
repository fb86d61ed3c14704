namespace FlexMigrate.Core.Precheck;

/// <summary>
/// Words that became reserved in MySQL 5.7 and 8.0, with the release that reserved them, from the keyword lists
/// of https://dev.mysql.com/doc/mysqld-version-reference/en/keywords-8-0.html (and -5-7). An identifier spelled like
/// one of them must be quoted with backticks on the target; unquoted uses in routine bodies, views or application
/// SQL that worked on the source fail there with ER_PARSE_ERROR.
/// </summary>
internal static class ReservedWords
{
    private static readonly (string Word, int Major, int Minor, int Patch)[] Added =
    [
        ("GENERATED", 5, 7, 6), ("OPTIMIZER_COSTS", 5, 7, 5), ("STORED", 5, 7, 6), ("VIRTUAL", 5, 7, 6),
        ("CUBE", 8, 0, 1), ("FUNCTION", 8, 0, 1), ("GROUPING", 8, 0, 1), ("OF", 8, 0, 1), ("RECURSIVE", 8, 0, 1),
        ("CUME_DIST", 8, 0, 2), ("DENSE_RANK", 8, 0, 2), ("FIRST_VALUE", 8, 0, 2), ("GROUPS", 8, 0, 2), ("LAG", 8, 0, 2),
        ("LAST_VALUE", 8, 0, 2), ("LEAD", 8, 0, 2), ("NTH_VALUE", 8, 0, 2), ("NTILE", 8, 0, 2), ("OVER", 8, 0, 2),
        ("PERCENT_RANK", 8, 0, 2), ("RANK", 8, 0, 2), ("ROW", 8, 0, 2), ("ROWS", 8, 0, 2), ("ROW_NUMBER", 8, 0, 2),
        ("WINDOW", 8, 0, 2), ("SYSTEM", 8, 0, 3), ("EMPTY", 8, 0, 4), ("EXCEPT", 8, 0, 4), ("JSON_TABLE", 8, 0, 4),
        ("LATERAL", 8, 0, 14), ("INTERSECT", 8, 0, 31), ("QUALIFY", 8, 0, 31), ("TABLESAMPLE", 8, 0, 31),
    ];

    /// <summary>
    /// Words reserved on <paramref name="target"/> that were not reserved on <paramref name="source"/>. A MariaDB
    /// source is treated as MySQL 5.6-level for this (its own reserved set differs; the words here are not
    /// reserved in MariaDB 10.x except where MariaDB also uses them, and a false positive only costs a warning).
    /// </summary>
    public static IReadOnlySet<string> NewlyReserved(ServerVersion source, ServerVersion target)
    {
        if (target.IsMariaDb)
        {
            return new HashSet<string>();
        }

        var from = source.IsMariaDb ? (5, 6, 0) : (source.Major, source.Minor, source.Patch);
        var to = (target.Major, target.Minor, target.Patch);
        return Added.Where(w => (w.Major, w.Minor, w.Patch).CompareTo(from) > 0 && (w.Major, w.Minor, w.Patch).CompareTo(to) <= 0)
            .Select(w => w.Word).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }
}
