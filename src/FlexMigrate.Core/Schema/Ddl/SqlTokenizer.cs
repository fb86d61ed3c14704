using System.Text;

namespace FlexMigrate.Core.Schema.Ddl;

/// <summary>
/// Splits MySQL/MariaDB SQL text into tokens that concatenate back to the exact input, respecting string literals,
/// backtick identifiers and comments, so DDL can be rewritten (definer, engine, index clauses) without touching
/// anything inside a literal or a comment. Lexical rules: https://dev.mysql.com/doc/refman/8.0/en/string-literals.html,
/// https://dev.mysql.com/doc/refman/8.0/en/comments.html.
/// </summary>
public static class SqlTokenizer
{
    /// <summary>Tokenizes <paramref name="sql"/>.</summary>
    /// <param name="sql">The text.</param>
    /// <param name="backslashEscapes">False when the text was written under sql_mode NO_BACKSLASH_ESCAPES.</param>
    /// <param name="ansiQuotes">True when it was written under ANSI_QUOTES: "x" is then an identifier, not a string.</param>
    /// <exception cref="FormatException">An unterminated literal, identifier or comment.</exception>
    public static IReadOnlyList<SqlToken> Tokenize(string sql, bool backslashEscapes = true, bool ansiQuotes = false)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var tokens = new List<SqlToken>();
        var conditionalDepth = 0;
        var i = 0;
        while (i < sql.Length)
        {
            var start = i;
            var kind = Next(sql, ref i, backslashEscapes, ansiQuotes, ref conditionalDepth);
            tokens.Add(new SqlToken(kind, sql[start..i], start));
        }

        return tokens;
    }

    /// <summary>Concatenates token texts.</summary>
    public static string Join(IEnumerable<SqlToken> tokens)
    {
        var sb = new StringBuilder();
        foreach (var t in tokens)
        {
            sb.Append(t.Text);
        }

        return sb.ToString();
    }

    private static SqlTokenKind Next(string s, ref int i, bool backslashEscapes, bool ansiQuotes, ref int conditionalDepth)
    {
        var c = s[i];
        if (IsSpace(c))
        {
            while (i < s.Length && IsSpace(s[i]))
            {
                i++;
            }

            return SqlTokenKind.Whitespace;
        }

        if (c == '/' && At(s, i + 1, '*'))
        {
            return BlockComment(s, ref i, ref conditionalDepth);
        }

        if (c == '*' && At(s, i + 1, '/') && conditionalDepth > 0)
        {
            conditionalDepth--;
            i += 2;
            return SqlTokenKind.ConditionalCommentEnd;
        }

        // "-- " needs whitespace (or end) after the dashes: "1--1" is arithmetic.
        if (c == '#' || (c == '-' && At(s, i + 1, '-') && (i + 2 >= s.Length || IsSpace(s[i + 2]))))
        {
            while (i < s.Length && s[i] != '\n')
            {
                i++;
            }

            return SqlTokenKind.Comment;
        }

        if (c == '`' || (c == '"' && ansiQuotes))
        {
            Quoted(s, ref i, c, backslashEscapes: false);
            return SqlTokenKind.QuotedIdentifier;
        }

        if (c is '\'' or '"')
        {
            Quoted(s, ref i, c, backslashEscapes);
            return SqlTokenKind.StringLiteral;
        }

        if (IsWordChar(c))
        {
            while (i < s.Length && IsWordChar(s[i]))
            {
                i++;
            }

            return SqlTokenKind.Word;
        }

        i++;
        return SqlTokenKind.Punctuation;
    }

    private static SqlTokenKind BlockComment(string s, ref int i, ref int conditionalDepth)
    {
        var start = i;
        var p = i + 2;
        if (At(s, p, 'M') && At(s, p + 1, '!'))
        {
            p++;
        }

        if (At(s, p, '!'))
        {
            p++;
            while (p < s.Length && char.IsAsciiDigit(s[p]))
            {
                p++;
            }

            i = p;
            conditionalDepth++;
            return SqlTokenKind.ConditionalCommentStart;
        }

        var end = s.IndexOf("*/", start + 2, StringComparison.Ordinal);
        if (end < 0)
        {
            throw new FormatException($"Unterminated /* comment at offset {start}.");
        }

        i = end + 2;
        return SqlTokenKind.Comment;
    }

    private static void Quoted(string s, ref int i, char quote, bool backslashEscapes)
    {
        var start = i;
        i++;
        while (i < s.Length)
        {
            var c = s[i];
            if (backslashEscapes && c == '\\')
            {
                i += 2;
                continue;
            }

            if (c == quote)
            {
                // A doubled quote stands for one quote character inside the literal.
                if (At(s, i + 1, quote))
                {
                    i += 2;
                    continue;
                }

                i++;
                return;
            }

            i++;
        }

        throw new FormatException($"Unterminated {quote}-quoted text starting at offset {start}.");
    }

    private static bool At(string s, int i, char c) => i < s.Length && s[i] == c;

    // The server's lexer takes only ASCII space, tab, newline, carriage return, vertical tab and form feed as white
    // space (my_isspace); any non-ASCII character belongs to a word, which keeps token boundaries the same whether the
    // text is decoded or masked byte by byte (SqlCharset.Mask).
    private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\v' or '\f';

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '$' || c > 0x7F;
}
