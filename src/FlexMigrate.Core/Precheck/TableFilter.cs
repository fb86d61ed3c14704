using System.Text;
using System.Text.RegularExpressions;

namespace FlexMigrate.Core.Precheck;

/// <summary>
/// --tables / --exclude-tables: patterns "table" (any database) or "db.table", with `*` and `?` wildcards.
/// A table is in scope when it matches an include pattern (or there are none) and no exclude pattern.
/// </summary>
internal sealed class TableFilter
{
    private readonly List<Regex> _include;
    private readonly List<Regex> _exclude;

    public TableFilter(IEnumerable<string> include, IEnumerable<string> exclude)
    {
        _include = include.Select(ToRegex).ToList();
        _exclude = exclude.Select(ToRegex).ToList();
    }

    public bool Includes(string database, string table)
    {
        var full = $"{database}.{table}";
        bool Matches(Regex r) => r.IsMatch(full) || r.IsMatch(table);
        return (_include.Count == 0 || _include.Exists(Matches)) && !_exclude.Exists(Matches);
    }

    private static Regex ToRegex(string pattern)
    {
        var sb = new StringBuilder("^");
        foreach (var c in pattern.Trim())
        {
            sb.Append(c switch { '*' => ".*", '?' => ".", _ => Regex.Escape(c.ToString()) });
        }

        return new Regex(sb.Append('$').ToString(), RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromSeconds(1));
    }
}
