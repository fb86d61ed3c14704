using FlexMigrate.Core.Sql;

namespace FlexMigrate.Core.Schema.Ddl;

/// <summary>A DEFINER clause in a statement's bytes: [<paramref name="Offset"/>, +<paramref name="Length"/>) and the user as written.</summary>
public sealed record DefinerLocation(int Offset, int Length, string Definer);

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

    private const string CurrentUser = "DEFINER=CURRENT_USER";

    /// <summary>Rewrites the definer of <paramref name="createStatement"/>.</summary>
    /// <param name="createStatement">SHOW CREATE output.</param>
    /// <param name="backslashEscapes">False when the object's sql_mode has NO_BACKSLASH_ESCAPES.</param>
    public static DefinerRewrite ToCurrentUser(string createStatement, bool backslashEscapes = true)
    {
        ArgumentNullException.ThrowIfNull(createStatement);
        return Find(SqlTokenizer.Tokenize(createStatement, backslashEscapes), createStatement.Length) is { } clause
            ? new DefinerRewrite(
                createStatement[..clause.Offset] + CurrentUser + createStatement[(clause.Offset + clause.Length)..],
                createStatement.Substring(clause.UserOffset, clause.UserLength))
            : new DefinerRewrite(createStatement, null);
    }

    /// <summary>
    /// Rewrites the definer of a statement kept as its client's bytes; the rest of the bytes stay as they are.
    /// Returns the statement and the definer as written, or null when it had none.
    /// </summary>
    public static (StatementBytes Statement, string? OriginalDefiner) ToCurrentUser(StatementBytes statement, bool backslashEscapes = true)
    {
        ArgumentNullException.ThrowIfNull(statement);
        return Locate(statement, backslashEscapes) is { } clause
            ? (statement.Replace(clause.Offset, clause.Length, CurrentUser), clause.Definer)
            : (statement, null);
    }

    /// <summary>Where the header's "DEFINER = user" clause is in the statement's bytes, and the user as written; null when none.</summary>
    public static DefinerLocation? Locate(StatementBytes statement, bool backslashEscapes = true)
    {
        ArgumentNullException.ThrowIfNull(statement);
        IReadOnlyList<SqlToken> tokens;
        try
        {
            tokens = statement.Tokens(backslashEscapes);
        }
        catch (FormatException)
        {
            // The server prints a COMMENT with backslash escapes even for a NO_BACKSLASH_ESCAPES object: the header
            // (all this needs) still reads the other way.
            tokens = statement.Tokens(!backslashEscapes);
        }

        return Find(tokens, statement.Bytes.Length) is { } clause
            ? new DefinerLocation(clause.Offset, clause.Length, statement.TextOf(clause.UserOffset, clause.UserLength))
            : null;
    }

    /// <summary>The DEFINER = user clause of the header (before the object keyword), or null.</summary>
    private static DefinerClause? Find(IReadOnlyList<SqlToken> tokens, int textLength)
    {
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
            var userStart = start < tokens.Count ? tokens[start].Offset : textLength;
            var clauseEnd = end < tokens.Count ? tokens[end].Offset : textLength;
            var userEnd = end - 1 >= start ? tokens[end - 1].Offset + tokens[end - 1].Text.Length : userStart;
            return new DefinerClause(tokens[i].Offset, clauseEnd - tokens[i].Offset, userStart, userEnd - userStart);
        }

        return null;
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

    /// <summary>Where the clause is: "DEFINER ... user" [Offset, +Length) and the user spec inside it.</summary>
    private sealed record DefinerClause(int Offset, int Length, int UserOffset, int UserLength);
}
