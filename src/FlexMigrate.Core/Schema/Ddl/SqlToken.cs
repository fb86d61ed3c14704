namespace FlexMigrate.Core.Schema.Ddl;

/// <summary>What a <see cref="SqlToken"/> is; only the distinctions DDL rewriting needs.</summary>
public enum SqlTokenKind
{
    /// <summary>Spaces, tabs, line breaks.</summary>
    Whitespace,

    /// <summary><c>/* ... */</c>, <c>-- ...</c> or <c># ...</c>: never executed.</summary>
    Comment,

    /// <summary>The opening <c>/*!NNNNN</c> or <c>/*M!NNNNN</c> of a versioned comment whose content the server executes.</summary>
    ConditionalCommentStart,

    /// <summary>The <c>*/</c> closing a versioned comment.</summary>
    ConditionalCommentEnd,

    /// <summary>A backtick-quoted identifier (or double-quoted under ANSI_QUOTES), quotes included.</summary>
    QuotedIdentifier,

    /// <summary>A string literal in single or double quotes, quotes included.</summary>
    StringLiteral,

    /// <summary>An unquoted keyword, identifier or number.</summary>
    Word,

    /// <summary>Any other single character: ( ) , . = @ ; ...</summary>
    Punctuation,
}

/// <summary>One lexical token; <see cref="Text"/> is the exact source text so tokens concatenate back to the input.</summary>
public readonly record struct SqlToken(SqlTokenKind Kind, string Text, int Offset)
{
    /// <summary>True for tokens the server ignores (whitespace and plain comments).</summary>
    public bool IsTrivia => Kind is SqlTokenKind.Whitespace or SqlTokenKind.Comment;

    /// <summary>True for an identifier, quoted or not.</summary>
    public bool IsIdentifier => Kind is SqlTokenKind.QuotedIdentifier or SqlTokenKind.Word;

    /// <summary>Case-insensitive keyword test for an unquoted word.</summary>
    public bool IsKeyword(string keyword) =>
        Kind == SqlTokenKind.Word && string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);

    public bool IsPunctuation(char c) => Kind == SqlTokenKind.Punctuation && Text.Length == 1 && Text[0] == c;

    /// <summary>The identifier's name: quotes removed and doubled quotes undone.</summary>
    public string IdentifierName => Kind == SqlTokenKind.QuotedIdentifier
        ? Text[1..^1].Replace(new string(Text[0], 2), Text[0].ToString(), StringComparison.Ordinal)
        : Text;
}
