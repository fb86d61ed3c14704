using FlexMigrate.Core.Sql;

namespace FlexMigrate.Tests.Sql;

public sealed class SqlTextTests
{
    [Theory]
    [InlineData("t", "`t`")]
    [InlineData("we`ird", "`we``ird`")]
    [InlineData("``", "``````")]
    [InlineData("a'b\\c\"d", "`a'b\\c\"d`")]
    public void Identifiers_double_backticks_only(string name, string quoted) => Assert.Equal(quoted, SqlText.Identifier(name));

    [Fact]
    public void Qualified_names_quote_each_part() => Assert.Equal("`my.db`.`t``1`", SqlText.Qualified("my.db", "t`1"));

    [Theory]
    [InlineData("plain", false, "'plain'")]
    [InlineData("it's", false, "'it''s'")]
    [InlineData("a\\b", false, "'a\\\\b'")]
    [InlineData("a\\b", true, "'a\\b'")]
    [InlineData("\\'", false, "'\\\\'''")]
    [InlineData("\\'", true, "'\\'''")]
    [InlineData("n\0l", false, "'n\\0l'")]
    [InlineData("n\0l", true, "'n\0l'")]
    public void Literals_escape_for_the_mode_they_are_parsed_under(string value, bool noBackslashEscapes, string literal) =>
        Assert.Equal(literal, SqlText.Literal(value, noBackslashEscapes));

    [Fact]
    public void Hex_literals_keep_bytes_and_name_a_character_set()
    {
        Assert.Equal("X''", SqlText.HexLiteral([]));
        Assert.Equal("X'00FF5C27'", SqlText.HexLiteral([0x00, 0xFF, 0x5C, 0x27]));
        Assert.Equal("_latin1 X'E9'", SqlText.HexLiteral([0xE9], "latin1"));
        Assert.Throws<FormatException>(() => SqlText.HexLiteral([0xE9], "latin1 X'00'; DROP"));
    }
}
