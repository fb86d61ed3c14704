using System.Text;
using FlexMigrate.Core.Metadata;
using FlexMigrate.Core.Sql;

namespace FlexMigrate.Tests.Schema;

/// <summary>The COMMENT the server prints in UTF-8 inside a routine's or event's client-charset text goes back to that charset.</summary>
public sealed class DefinitionCommentTests
{
    private static StatementBytes Latin1(params byte[][] parts) => new([.. parts.SelectMany(p => p)], SqlCharset.Of("latin1"));

    [Fact]
    public void A_routine_comment_line_is_reencoded_and_the_body_is_left_alone()
    {
        var printed = Latin1("CREATE DEFINER=`u`@`%` PROCEDURE `p`(IN a INT,\n  IN b INT)\n    DETERMINISTIC\n    COMMENT 'caf"u8.ToArray(),
            [0xC3, 0xA9], "'\nALTER TABLE t COMMENT 'caf"u8.ToArray(), [0xC3, 0xA9], "'"u8.ToArray());

        var fixedBytes = DefinitionComment.InClientCharset(printed, "PROCEDURE", "").Bytes.ToArray();

        Assert.Equal(Latin1("CREATE DEFINER=`u`@`%` PROCEDURE `p`(IN a INT,\n  IN b INT)\n    DETERMINISTIC\n    COMMENT 'caf"u8.ToArray(),
            [0xE9], "'\nALTER TABLE t COMMENT 'caf"u8.ToArray(), [0xC3, 0xA9], "'"u8.ToArray()).Bytes.ToArray(), fixedBytes);
    }

    [Fact]
    public void A_body_that_starts_with_comment_text_is_not_a_characteristic()
    {
        var printed = Latin1("CREATE PROCEDURE `p`()\nALTER TABLE t COMMENT 'caf"u8.ToArray(), [0xC3, 0xA9], "'"u8.ToArray());

        Assert.Same(printed, DefinitionComment.InClientCharset(printed, "PROCEDURE", ""));
    }

    [Fact]
    public void An_event_comment_before_DO_is_reencoded_with_quotes_and_backslashes_escaped_for_its_mode()
    {
        // Stored comment: 表\' (printed escaped, in UTF-8); the body's 表 is sjis 0x95 0x5C.
        byte[] printed = [.. "EVENT e DO_NOT ENABLE COMMENT '"u8, .. Encoding.UTF8.GetBytes("\u8868"), .. "\\\\\\'' DO SELECT '"u8, 0x95, 0x5C, .. "'"u8.ToArray()];

        string Fixed(string mode) => Convert.ToHexString(DefinitionComment.InClientCharset(new StatementBytes(printed, SqlCharset.Of("sjis")), "EVENT", mode).Bytes.ToArray());

        var tail = Convert.ToHexString(" DO SELECT '"u8.ToArray()) + "955C27";
        Assert.EndsWith("COMMENT '"u8.ToArray().Aggregate("", (h, b) => h + b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)) + "955C5C272727" + tail, Fixed("NO_BACKSLASH_ESCAPES"), StringComparison.Ordinal);
        Assert.EndsWith("27955C5C5C272727" + tail, Fixed(""), StringComparison.Ordinal);
    }
}
