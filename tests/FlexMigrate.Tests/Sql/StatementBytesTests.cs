using System.Text;
using FlexMigrate.Core.Schema.Ddl;
using FlexMigrate.Core.Sql;

namespace FlexMigrate.Tests.Sql;

public sealed class StatementBytesTests
{
    private static byte[] Bytes(string charset, string text)
    {
        Assert.True(SqlCharset.Of(charset).TryEncode(text, out var bytes));
        return bytes;
    }

    [Theory]
    [InlineData("gbk", "\u4e57")]   // 0x81 0x5C
    [InlineData("sjis", "\u8868")]  // 0x95 0x5C
    [InlineData("big5", "\u529f")]  // 0xA5 0x5C
    [InlineData("cp932", "\u30bd")] // 0x83 0x5C
    public void A_double_byte_character_ending_in_a_backslash_byte_is_masked_whole(string charset, string character)
    {
        var bytes = Bytes(charset, $"SELECT '{character}' AS a");
        Assert.Equal(0x5C, bytes[9]);

        var statement = new StatementBytes(bytes, SqlCharset.Of(charset));
        var tokens = statement.Tokens();

        Assert.Equal(bytes.Length, statement.Mask.Length);
        Assert.Equal(["SELECT", " ", "'ÿÿ'", " ", "AS", " ", "a"], tokens.Select(t => t.Text));
        Assert.Equal(character, SqlCharset.Of(charset).Decode(bytes.AsSpan(8, 2)));
    }

    [Fact]
    public void Ascii_safe_charsets_mask_every_non_ascii_byte()
    {
        var bytes = Encoding.UTF8.GetBytes("'é\\'' x");
        Assert.Equal("'ÿÿ\\'' x", new StatementBytes(bytes, SqlCharset.Of("utf8mb4")).Mask);
        Assert.Equal("ÿ", new StatementBytes([0xA0], SqlCharset.Of("latin1")).Mask);
    }

    [Fact]
    public void Definer_rewrite_keeps_every_other_byte_of_a_gbk_statement()
    {
        var bytes = Bytes("gbk", "CREATE DEFINER=`\u4e57`@`%` PROCEDURE `p\u4e57`() SELECT '\u4e57\\\\' AS x");

        var (rewritten, original) = DefinerRewriter.ToCurrentUser(new StatementBytes(bytes, SqlCharset.Of("gbk")));

        Assert.Equal("`\u4e57`@`%`", original);
        Assert.Equal(Bytes("gbk", "CREATE DEFINER=CURRENT_USER PROCEDURE `p\u4e57`() SELECT '\u4e57\\\\' AS x"), rewritten.Bytes.ToArray());
    }

    [Fact]
    public void Edits_are_ascii_only_and_keep_the_engine_text_mark()
    {
        var engine = StatementBytes.FromText("DROP VIEW v");

        Assert.True(engine.Insert(9, " IF EXISTS").IsEngineText);
        Assert.Equal("DROP VIEW IF EXISTS v", engine.Insert(9, " IF EXISTS").Text);
        Assert.Throws<ArgumentException>(() => engine.Insert(0, "é"));
        Assert.False(new StatementBytes([0x41], SqlCharset.Of("latin1")).IsEngineText);
    }

    [Fact]
    public void Raw_binary_bytes_in_utf8_text_become_hex_literals()
    {
        byte[] printed = [.. "DEFAULT '"u8, 0xFF, 0x01, .. "' x '\\\\\\0"u8, 0xFE, .. "', 'é'"u8.ToArray()];

        var text = new StatementBytes(printed, SqlCharset.Utf8Mb4).Utf8WithHexLiterals();

        Assert.Equal("DEFAULT X'FF01' x X'5C00FE', 'é'", text);
    }

    [Theory]
    [InlineData("'a''b'", false, "612762")]
    [InlineData("'a\\\\b\\n\\0\\Z\\%\\_\\q'", false, "615C620A001A5C255C5F71")]
    [InlineData("'a\\b'", true, "615C62")]
    [InlineData("\"x\"\"y\"", false, "782279")]
    public void Literal_values_resolve_quotes_and_escapes(string literal, bool noBackslashEscapes, string hex) =>
        Assert.Equal(hex, Convert.ToHexString(SqlText.LiteralValue(Encoding.UTF8.GetBytes(literal), noBackslashEscapes)));

    [Theory]
    [InlineData(8, "latin1")]
    [InlineData(33, "utf8mb3")]
    [InlineData(255, "utf8mb4")]
    [InlineData(28, "gbk")]
    [InlineData(95, "cp932")]
    [InlineData(1032, "latin1")]
    [InlineData(608, "utf8mb4")]
    public void Collation_ids_name_their_character_set(int id, string charset) => Assert.Equal(charset, SqlCharset.OfCollationId(id)?.Name);

    [Fact]
    public void Unknown_ids_and_charsets_are_not_guessed()
    {
        Assert.Null(SqlCharset.OfCollationId(4000));
        Assert.Equal("\uFFFD", SqlCharset.Of("armscii8").Decode([0xA2]));
        Assert.Equal("utf8mb3", SqlCharset.Of("UTF8").Name);
    }

    [Fact]
    public void Bytes_invalid_in_a_double_byte_set_never_read_as_ascii_quotes_or_backslashes()
    {
        // A view printed by a sjis client holding _utf8mb4 bytes: F0 9F and 98 80 pair up as sjis would read them.
        byte[] bytes = [.. "SELECT '"u8, 0x95, 0x5C, .. "', _utf8mb4'"u8, 0xF0, 0x9F, 0x98, 0x80, .. "' AS a"u8.ToArray()];

        var text = SqlCharset.Of("sjis").Decode(bytes);

        Assert.StartsWith("SELECT '\u8868', _utf8mb4'", text, StringComparison.Ordinal);
        Assert.Equal((4, 0), (text.Count(c => c == '\''), text.Count(c => c == '\\')));
        Assert.Equal(11, SqlTokenizer.Tokenize(text).Count);
    }
}
