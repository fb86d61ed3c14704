using System.Text;
using FlexMigrate.Core.Schema.Ddl;
using FlexMigrate.Core.Sql;

namespace FlexMigrate.Core.Metadata;

/// <summary>
/// Puts the COMMENT characteristic of a routine or event back into its client's character set. The server converts the
/// comment to UTF-8 when it parses it (TEXT_STRING_sys) and prints it unconverted (append_unescaped) into text that is
/// otherwise in the creating client's character set: in SHOW CREATE PROCEDURE/FUNCTION/EVENT and in the binlog's
/// CREATE PROCEDURE/FUNCTION (rebuilt by the same printer; seen on MariaDB 10.11, and mysqldump carries the same flaw).
/// Replayed as it is under that character set, a latin1 routine's COMMENT 'café' would come back as 'cafÃ©'. The
/// printer also escapes it with backslashes whatever the object's sql_mode, so under NO_BACKSLASH_ESCAPES 'a\b' would
/// come back as a\\b: the literal is written again for the object's mode.
/// </summary>
/// <remarks>
/// The printer lays routines out as the header line, then one characteristic per line ("    DETERMINISTIC",
/// "    COMMENT '...'"), then the body; no statement starts with a characteristic's keyword, so the comment is found
/// among those lines and never in the body. An event prints its COMMENT before DO.
/// </remarks>
internal static class DefinitionComment
{
    private static readonly string[] Characteristics = ["LANGUAGE", "NOT", "DETERMINISTIC", "CONTAINS", "NO", "READS", "MODIFIES", "SQL", "COMMENT"];

    /// <param name="statement">A CREATE PROCEDURE/FUNCTION/EVENT as the server printed it.</param>
    /// <param name="kind">PROCEDURE, FUNCTION or EVENT.</param>
    /// <param name="sqlMode">The object's sql_mode (the replacement literal is written for it).</param>
    public static StatementBytes InClientCharset(StatementBytes statement, string kind, string? sqlMode)
    {
        ArgumentNullException.ThrowIfNull(statement);
        var noBackslashEscapes = SqlModeFlags.NoBackslashEscapes(sqlMode);
        if (!noBackslashEscapes && (statement.Charset.Name is "utf8mb3" or "utf8mb4" || Ascii.IsValid(statement.Bytes.Span)))
        {
            return statement;
        }

        var tokens = Tokens(statement, sqlMode);
        var literal = tokens is null ? null : kind == "EVENT" ? EventComment(tokens) : RoutineComment(tokens);
        if (literal is not { } token)
        {
            return statement;
        }

        var printed = SqlText.LiteralValue(statement.Bytes.Span.Slice(token.Offset, token.Text.Length));
        if (!SqlCharset.Utf8Mb4.TryDecode(printed, out var comment) || !statement.Charset.TryEncode(comment, out _))
        {
            return statement;
        }

        return statement.ReplaceEncoded(token.Offset, token.Text.Length, SqlText.Literal(comment, noBackslashEscapes));
    }

    /// <summary>
    /// The printer escapes the comment with backslashes whatever the object's sql_mode, while a body written under
    /// NO_BACKSLASH_ESCAPES reads without: try the printer's way first, then the object's; null when neither reads.
    /// </summary>
    private static IReadOnlyList<SqlToken>? Tokens(StatementBytes statement, string? sqlMode)
    {
        foreach (var backslashEscapes in new[] { true, !SqlModeFlags.NoBackslashEscapes(sqlMode) })
        {
            try
            {
                return statement.Tokens(backslashEscapes);
            }
            catch (FormatException)
            {
                // Try the other reading.
            }
        }

        return null;
    }

    /// <summary>The literal after the first COMMENT before DO.</summary>
    private static SqlToken? EventComment(IReadOnlyList<SqlToken> tokens)
    {
        var significant = tokens.Where(t => !t.IsTrivia).ToList();
        for (var i = 0; i + 1 < significant.Count && !significant[i].IsKeyword("DO"); i++)
        {
            if (significant[i].IsKeyword("COMMENT") && significant[i + 1].Kind == SqlTokenKind.StringLiteral)
            {
                return significant[i + 1];
            }
        }

        return null;
    }

    /// <summary>The literal of a "    COMMENT '...'" line among the characteristic lines after the parameter list's line.</summary>
    private static SqlToken? RoutineComment(IReadOnlyList<SqlToken> tokens)
    {
        var i = NextLine(tokens, ParameterListEnd(tokens));
        while (i < tokens.Count)
        {
            var first = TableOptions.SkipTrivia(tokens, i, tokens.Count);
            if (first >= tokens.Count || !Characteristics.Any(tokens[first].IsKeyword))
            {
                return null;
            }

            var next = TableOptions.SkipTrivia(tokens, first + 1, tokens.Count);
            if (tokens[first].IsKeyword("COMMENT") && next < tokens.Count && tokens[next].Kind == SqlTokenKind.StringLiteral)
            {
                return tokens[next];
            }

            i = NextLine(tokens, first);
        }

        return null;
    }

    /// <summary>The index of the ")" closing the first parenthesis (parameters may span lines), or 0.</summary>
    private static int ParameterListEnd(IReadOnlyList<SqlToken> tokens)
    {
        var depth = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            depth += tokens[i].IsPunctuation('(') ? 1 : tokens[i].IsPunctuation(')') ? -1 : 0;
            if (depth == 0 && tokens[i].IsPunctuation(')'))
            {
                return i;
            }
        }

        return 0;
    }

    /// <summary>The index after the first whitespace token holding a line break at or after <paramref name="from"/>.</summary>
    private static int NextLine(IReadOnlyList<SqlToken> tokens, int from)
    {
        for (var i = from; i < tokens.Count; i++)
        {
            if (tokens[i].Kind == SqlTokenKind.Whitespace && tokens[i].Text.Contains('\n', StringComparison.Ordinal))
            {
                return i + 1;
            }
        }

        return tokens.Count;
    }
}
