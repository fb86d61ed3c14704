using FlexMigrate.Core.Schema.Ddl;

namespace FlexMigrate.Tests.Schema;

public class SqlTokenizerTests
{
    [Theory]
    [InlineData("CREATE TABLE `a``b` (x INT) COMMENT='it''s, (x)' /* c, ) */ -- tail\n#hash\n")]
    [InlineData("SELECT 'a\\'b', \"q\"\"q\", `ü`, 1--1")]
    [InlineData("/*!50100 PARTITION BY HASH (`id`) */ /*M!100100 x */")]
    public void Tokens_concatenate_back_to_the_input(string sql)
    {
        Assert.Equal(sql, SqlTokenizer.Join(SqlTokenizer.Tokenize(sql)));
    }

    [Fact]
    public void Literals_identifiers_and_comments_are_single_tokens()
    {
        var tokens = SqlTokenizer.Tokenize("x 'a,b)' `c,d` /* e,f */ -- g,h\n");

        Assert.Equal(
            [
                (SqlTokenKind.Word, "x"), (SqlTokenKind.StringLiteral, "'a,b)'"), (SqlTokenKind.QuotedIdentifier, "`c,d`"),
                (SqlTokenKind.Comment, "/* e,f */"), (SqlTokenKind.Comment, "-- g,h"),
            ],
            tokens.Where(t => t.Kind != SqlTokenKind.Whitespace).Select(t => (t.Kind, t.Text)));
    }

    [Fact]
    public void Backslash_escapes_the_quote_only_when_the_mode_allows_it()
    {
        Assert.Equal([@"'a\'b'"], Literals(SqlTokenizer.Tokenize(@"'a\'b'")));
        Assert.Equal([@"'a\'", "'b'"], Literals(SqlTokenizer.Tokenize(@"'a\' , 'b'", backslashEscapes: false)));
    }

    private static IEnumerable<string> Literals(IReadOnlyList<SqlToken> tokens) =>
        tokens.Where(t => t.Kind == SqlTokenKind.StringLiteral).Select(t => t.Text);

    [Fact]
    public void Versioned_comment_content_is_tokenized_as_code()
    {
        var tokens = SqlTokenizer.Tokenize("/*!50100 PARTITION BY */");

        Assert.Equal(
            [SqlTokenKind.ConditionalCommentStart, SqlTokenKind.Whitespace, SqlTokenKind.Word, SqlTokenKind.Whitespace,
             SqlTokenKind.Word, SqlTokenKind.Whitespace, SqlTokenKind.ConditionalCommentEnd],
            tokens.Select(t => t.Kind));
    }

    [Fact]
    public void Doubled_backticks_are_undone_in_the_identifier_name()
    {
        Assert.Equal("we`ird", SqlTokenizer.Tokenize("`we``ird`")[0].IdentifierName);
    }

    [Theory]
    [InlineData("'open")]
    [InlineData("`open")]
    [InlineData("/* open")]
    public void Unterminated_text_is_a_format_error(string sql)
    {
        Assert.Throws<FormatException>(() => SqlTokenizer.Tokenize(sql));
    }
}
