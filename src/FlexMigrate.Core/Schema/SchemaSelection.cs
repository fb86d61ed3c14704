using FlexMigrate.Core.Sql;

namespace FlexMigrate.Core.Schema;

/// <summary>
/// Which databases and tables to migrate. <see cref="IncludeTables"/>, when not empty, limits tables (and views) to the
/// ones listed; <see cref="ExcludeTables"/> removes tables or views. Routines and events belong to a database and
/// follow <see cref="Databases"/>; triggers follow their table. Names are exact (case-sensitive, as on Linux servers).
/// </summary>
/// <param name="Databases">Database names.</param>
/// <param name="IncludeTables">Tables as "db.t" (or "`d.b`.`t`" when a name holds a dot); empty for all.</param>
/// <param name="ExcludeTables">Tables as "db.t" to leave out.</param>
public sealed record SchemaSelection(
    IReadOnlyList<string> Databases,
    IReadOnlyList<string> IncludeTables,
    IReadOnlyList<string> ExcludeTables)
{
    private static readonly HashSet<string> SystemDatabases = new(StringComparer.OrdinalIgnoreCase)
    {
        "mysql", "sys", "information_schema", "performance_schema",
    };

    /// <summary>Builds and validates a selection.</summary>
    /// <exception cref="SchemaSelectionException">A name is empty, malformed, a system database, or a table entry
    /// names a database not in <paramref name="databases"/>.</exception>
    public static SchemaSelection Create(
        IEnumerable<string> databases, IEnumerable<string>? includeTables = null, IEnumerable<string>? excludeTables = null)
    {
        ArgumentNullException.ThrowIfNull(databases);
        var selection = new SchemaSelection(
            databases.Select(d => d.Trim()).Distinct(StringComparer.Ordinal).ToList(),
            (includeTables ?? []).Select(t => t.Trim()).Distinct(StringComparer.Ordinal).ToList(),
            (excludeTables ?? []).Select(t => t.Trim()).Distinct(StringComparer.Ordinal).ToList());
        selection.Validate();
        return selection;
    }

    /// <summary>Checks the names' shape (not their existence: <see cref="SchemaReader"/> checks that on the source).</summary>
    /// <exception cref="SchemaSelectionException">See <see cref="Create"/>.</exception>
    public void Validate()
    {
        if (Databases.Count == 0)
        {
            throw new SchemaSelectionException("No database selected: give at least one database name (--databases a,b).");
        }

        foreach (var db in Databases)
        {
            if (db.Length == 0)
            {
                throw new SchemaSelectionException("An empty database name was given in --databases; remove the stray comma.");
            }

            if (SystemDatabases.Contains(db))
            {
                throw new SchemaSelectionException(
                    $"Database {SqlText.Identifier(db)} is a system database and cannot be migrated; remove it from --databases.");
            }
        }

        foreach (var entry in IncludeTables.Concat(ExcludeTables))
        {
            var name = ParseTable(entry);
            if (!Databases.Contains(name.Database, StringComparer.Ordinal))
            {
                throw new SchemaSelectionException(
                    $"Table entry '{entry}' names database {SqlText.Identifier(name.Database)}, which is not in --databases "
                    + $"({string.Join(", ", Databases)}); add the database or fix the entry.");
            }
        }
    }

    /// <summary>The parsed <see cref="IncludeTables"/>.</summary>
    public IReadOnlyList<ObjectName> IncludedTableNames => IncludeTables.Select(ParseTable).ToList();

    /// <summary>True when the table or view <paramref name="database"/>.<paramref name="name"/> is selected.</summary>
    public bool Includes(string database, string name)
    {
        if (!Databases.Contains(database, StringComparer.Ordinal))
        {
            return false;
        }

        var candidate = new ObjectName(database, name);
        if (IncludeTables.Count > 0 && !IncludeTables.Select(ParseTable).Contains(candidate))
        {
            return false;
        }

        return !ExcludeTables.Select(ParseTable).Contains(candidate);
    }

    /// <summary>Parses "db.t", "`db`.`t`" or mixtures; the first unquoted dot separates database and table.</summary>
    /// <exception cref="SchemaSelectionException">Not of that shape.</exception>
    public static ObjectName ParseTable(string entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var parts = new List<string>();
        var i = 0;
        while (i <= entry.Length && parts.Count < 3)
        {
            parts.Add(ReadPart(entry, ref i));
            if (i < entry.Length && entry[i] == '.')
            {
                i++;
                continue;
            }

            break;
        }

        if (parts.Count != 2 || i != entry.Length || parts[0].Length == 0 || parts[1].Length == 0)
        {
            throw new SchemaSelectionException(
                $"Table entry '{entry}' is not of the form db.table (quote a name holding a dot with backticks: `my.db`.`t`).");
        }

        return new ObjectName(parts[0], parts[1]);
    }

    private static string ReadPart(string s, ref int i)
    {
        if (i < s.Length && s[i] == '`')
        {
            var sb = new System.Text.StringBuilder();
            i++;
            while (i < s.Length)
            {
                if (s[i] == '`')
                {
                    if (i + 1 < s.Length && s[i + 1] == '`')
                    {
                        sb.Append('`');
                        i += 2;
                        continue;
                    }

                    i++;
                    return sb.ToString();
                }

                sb.Append(s[i++]);
            }

            throw new SchemaSelectionException($"Table entry '{s}' has an unclosed backtick.");
        }

        var start = i;
        while (i < s.Length && s[i] != '.')
        {
            i++;
        }

        return s[start..i];
    }
}
