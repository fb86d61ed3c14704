using System.Text;
using System.Text.RegularExpressions;

namespace FlexMigrate.Core.Precheck;

/// <summary>
/// The privileges a connected account holds, from its SHOW GRANTS lines (active roles included). Answers
/// "does it hold P on every table of database D": a global grant or a database grant whose pattern matches D.
/// Table- and column-level grants do not count, since the migration reads and creates every table of the database.
/// </summary>
internal sealed class GrantSet
{
    private readonly IReadOnlyList<Grant> _grants;
    private readonly bool _ignoreCase;

    /// <param name="grants">Parsed SHOW GRANTS lines.</param>
    /// <param name="ignoreCase">True when the server compares database names case-insensitively (lower_case_table_names 1 or 2).</param>
    public GrantSet(IReadOnlyList<Grant> grants, bool ignoreCase)
    {
        _grants = grants;
        _ignoreCase = ignoreCase;
    }

    public IReadOnlyList<Grant> Grants => _grants;

    public static GrantSet Parse(IEnumerable<string> showGrantsLines, bool ignoreCase) =>
        new(GrantParser.ParseAll(showGrantsLines), ignoreCase);

    /// <summary>Holds <paramref name="privilege"/> globally (ON *.*).</summary>
    public bool HasGlobal(string privilege) =>
        _grants.Any(g => g.Scope == GrantScope.Global && Covers(g, privilege));

    /// <summary>Holds <paramref name="privilege"/> on all of <paramref name="database"/>.</summary>
    public bool Has(string privilege, string database) =>
        HasGlobal(privilege)
        || _grants.Any(g => g.Scope == GrantScope.Database && Covers(g, privilege) && DatabasePatternMatches(g.Database!, database));

    /// <summary>Holds <paramref name="privilege"/> on table <paramref name="database"/>.<paramref name="table"/> (global, database or table grant).</summary>
    public bool HasOnTable(string privilege, string database, string table) =>
        Has(privilege, database)
        || _grants.Any(g => g.Scope == GrantScope.Table && Covers(g, privilege)
                            && string.Equals(g.Database, database, StringComparison.Ordinal) && string.Equals(g.Table, table, StringComparison.Ordinal));

    /// <summary>Those of <paramref name="privileges"/> not held on <paramref name="database"/> (global when null).</summary>
    public IReadOnlyList<string> Missing(IEnumerable<string> privileges, string? database) =>
        privileges.Where(p => database is null ? !HasGlobal(p) : !Has(p, database)).ToList();

    private static bool Covers(Grant grant, string privilege) =>
        grant.Privileges.Contains(privilege)
        // ALL PRIVILEGES is every static privilege of its level; GRANT OPTION and PROXY are never implied.
        || (grant.Privileges.Contains("ALL PRIVILEGES") && privilege is not "GRANT OPTION" and not "PROXY");

    /// <summary>Database names in grants are LIKE patterns: `%` any run, `_` one character, `\` escapes.</summary>
    internal bool DatabasePatternMatches(string pattern, string database) => PatternMatches(pattern, database, _ignoreCase);

    /// <summary><see cref="DatabasePatternMatches"/> for any caller (account translation matches grant patterns too).</summary>
    internal static bool PatternMatches(string pattern, string database, bool ignoreCase)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                regex.Append(Regex.Escape(pattern[++i].ToString()));
            }
            else
            {
                regex.Append(c switch { '%' => ".*", '_' => ".", _ => Regex.Escape(c.ToString()) });
            }
        }

        var options = RegexOptions.Singleline | RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None);
        return Regex.IsMatch(database, regex.Append('$').ToString(), options, TimeSpan.FromSeconds(1));
    }
}
