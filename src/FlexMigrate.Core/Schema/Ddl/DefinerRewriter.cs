namespace FlexMigrate.Core.Schema.Ddl;

/// <summary>The outcome of rewriting a DEFINER clause.</summary>
/// <param name="Sql">The statement with DEFINER=CURRENT_USER.</param>
/// <param name="OriginalDefiner">The definer as written (e.g. "`app`@`%`"), or null when the statement had none.</param>
public sealed record DefinerRewrite(string Sql, string? OriginalDefiner);

/// <summary>
/// Rewrites the DEFINER clause of CREATE VIEW/PROCEDURE/FUNCTION/TRIGGER/EVENT to CURRENT_USER. Flexible Server grants
/// no SUPER/SET_USER_ID, so creating an object for another account fails (error 1227). Only the statement header
/// (before the object keyword) is searched, so a body mentioning "DEFINER" is never touched.
/// Grammar: https://dev.mysql.com/doc/refman/8.0/en/create-procedure.html (DEFINER = user | CURRENT_USER[()] | role).
/// </summary>
public static class DefinerRewriter
{
    private static readonly string[] ObjectKeywords = ["VIEW", "PROCEDURE", "FUNCTION", "TRIGGER", "EVENT"];

    /// <summary>Rewrites the definer of <paramref name="createStatement"/>.</summary>
    /// <param name="createStatement">SHOW CREATE output.</param>
    /// <param name="backslashEscapes">False when the object's sql_mode has NO_BACKSLASH_ESCAPES.</param>
    public static DefinerRewrite ToCurrentUser(string createStatement, bool backslashEscapes = true)
    {
        ArgumentNullException.ThrowIfNull(createStatement);
        var tokens = SqlTokenizer.Tokenize(createStatement, backslashEscapes);
        for (var i = 0; i < tokens.Count; i++)
        {
            if (ObjectKeywords.Any(tokens[i].IsKeyword))
            {
                break;
            }

            if (!tokens[i].IsKeyword("DEFINER"))
            {
                continue;
            }

            var eq = TableOptions.SkipTrivia(tokens, i + 1, tokens.Count);
            if (eq >= tokens.Count || !tokens[eq].IsPunctuation('='))
            {
                continue;
            }

            var start = TableOptions.SkipTrivia(tokens, eq + 1, tokens.Count);
            var end = UserSpecEnd(tokens, start);
            var original = SqlTokenizer.Join(tokens.Skip(start).Take(end - start));
            var sql = createStatement[..tokens[i].Offset] + "DEFINER=CURRENT_USER"
                + (end < tokens.Count ? createStatement[tokens[end].Offset..] : "");
            return new DefinerRewrite(sql, original);
        }

        return new DefinerRewrite(createStatement, null);
    }

    /// <summary>End (exclusive) of "name[@host]" or "CURRENT_USER[()]" starting at <paramref name="i"/>.</summary>
    private static int UserSpecEnd(IReadOnlyList<SqlToken> tokens, int i)
    {
        if (i >= tokens.Count)
        {
            return i;
        }

        if (tokens[i].IsKeyword("CURRENT_USER"))
        {
            return i + 2 < tokens.Count && tokens[i + 1].IsPunctuation('(') && tokens[i + 2].IsPunctuation(')') ? i + 3 : i + 1;
        }

        var end = i + 1;
        if (end < tokens.Count && tokens[end].IsPunctuation('@'))
        {
            end += 2;
        }

        return Math.Min(end, tokens.Count);
    }
}
