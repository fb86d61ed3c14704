namespace FlexMigrate.Core.Replication;

/// <summary>
/// What online replication carries: <see cref="Databases"/>, narrowed to <see cref="Tables"/> when that list is not
/// empty, minus <see cref="ExcludeTables"/>. Table entries are "db.table" (the first dot separates them, so a table
/// name may contain dots). Names compare case-sensitively, as the source spells them (lower_case_table_names=0).
/// </summary>
public sealed record ReplicationScope(IReadOnlyList<string> Databases, IReadOnlyList<string> Tables, IReadOnlyList<string> ExcludeTables)
{
    private HashSet<string>? _databases;
    private HashSet<(string, string)>? _tables;
    private HashSet<(string, string)>? _excluded;

    /// <summary>True when changes of <paramref name="database"/> can be in scope (database-level DDL applies to it).</summary>
    public bool IncludesDatabase(string database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _databases ??= new HashSet<string>(Databases, StringComparer.Ordinal);
        return _databases.Contains(database);
    }

    /// <summary>True when rows and DDL of <paramref name="database"/>.<paramref name="table"/> are replicated.</summary>
    public bool IncludesTable(string database, string table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (!IncludesDatabase(database))
        {
            return false;
        }

        _tables ??= Parse(Tables);
        _excluded ??= Parse(ExcludeTables);
        return (_tables.Count == 0 || _tables.Contains((database, table))) && !_excluded.Contains((database, table));
    }

    private static HashSet<(string, string)> Parse(IReadOnlyList<string> names)
    {
        var set = new HashSet<(string, string)>();
        foreach (var name in names)
        {
            var dot = name.IndexOf('.', StringComparison.Ordinal);
            if (dot <= 0 || dot == name.Length - 1)
            {
                throw new ArgumentException($"'{name}' is not a table name of the form db.table.", nameof(names));
            }

            set.Add((name[..dot], name[(dot + 1)..]));
        }

        return set;
    }
}
