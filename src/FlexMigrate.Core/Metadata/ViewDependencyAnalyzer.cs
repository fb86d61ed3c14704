using FlexMigrate.Core.Schema;
using FlexMigrate.Core.Schema.Ddl;

namespace FlexMigrate.Core.Metadata;

/// <summary>
/// Finds which views a view definition reads from. MySQL 8.0 has information_schema.VIEW_TABLE_USAGE but MariaDB and
/// MySQL 5.x do not, so this scans the SHOW CREATE VIEW text: the server prints every table reference as
/// `db`.`t` (other database) or `t` (same database) and every column as [`db`.]`t`.`c`, so identifier chains are
/// matched against the known views. Only backticked names count: both servers quote every identifier there, and an
/// unquoted word is a keyword or function (a view named `count` must not match COUNT(...)). A column or alias spelled like a view can add a needless edge; that only
/// constrains the order, and a real cycle cannot exist on a server.
/// </summary>
public static class ViewDependencyAnalyzer
{
    /// <summary>Views among <paramref name="knownViews"/> that <paramref name="createView"/> (of view <paramref name="self"/>) references.</summary>
    public static IReadOnlyList<ObjectName> FindDependencies(ObjectName self, string createView, IReadOnlySet<ObjectName> knownViews)
    {
        ArgumentNullException.ThrowIfNull(self);
        ArgumentNullException.ThrowIfNull(createView);
        ArgumentNullException.ThrowIfNull(knownViews);
        var tokens = SqlTokenizer.Tokenize(createView);
        var body = BodyStart(tokens);
        var found = new List<ObjectName>();
        for (var i = body; i < tokens.Count; i++)
        {
            if (tokens[i].Kind != SqlTokenKind.QuotedIdentifier || (i > 0 && tokens[i - 1].IsPunctuation('.')))
            {
                continue;
            }

            var chain = ReadChain(tokens, i);
            foreach (var candidate in Candidates(self.Database, chain))
            {
                if (candidate != self && knownViews.Contains(candidate) && !found.Contains(candidate))
                {
                    found.Add(candidate);
                }
            }
        }

        return found;
    }

    /// <summary>The definition starts after "VIEW `name` [(columns)] AS"; the header holds the view's own name.</summary>
    private static int BodyStart(IReadOnlyList<SqlToken> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].IsKeyword("AS"))
            {
                return i + 1;
            }
        }

        return tokens.Count;
    }

    private static List<string> ReadChain(IReadOnlyList<SqlToken> tokens, int i)
    {
        var chain = new List<string> { tokens[i].IdentifierName };
        while (i + 2 < tokens.Count && tokens[i + 1].IsPunctuation('.') && tokens[i + 2].Kind == SqlTokenKind.QuotedIdentifier)
        {
            chain.Add(tokens[i + 2].IdentifierName);
            i += 2;
        }

        return chain;
    }

    private static IEnumerable<ObjectName> Candidates(string currentDatabase, List<string> chain)
    {
        // `v` ; `v`.`c` ; `db`.`v` ; `db`.`v`.`c`
        yield return new ObjectName(currentDatabase, chain[0]);
        if (chain.Count >= 2)
        {
            yield return new ObjectName(chain[0], chain[1]);
        }
    }
}
