using FlexMigrate.Core.Metadata;
using FlexMigrate.Core.Schema;
using FlexMigrate.Core.Schema.Ddl;

namespace FlexMigrate.Tests.Schema;

public class DefinerRewriterTests
{
    [Theory]
    [InlineData("CREATE DEFINER=`app`@`%` PROCEDURE `p`() SELECT 1", "`app`@`%`")]
    [InlineData("CREATE DEFINER = 'app'@'10.0.0.%' FUNCTION f() RETURNS INT RETURN 1", "'app'@'10.0.0.%'")]
    [InlineData("CREATE ALGORITHM=UNDEFINED DEFINER=`a``b`@`localhost` SQL SECURITY DEFINER VIEW `v` AS select 1", "`a``b`@`localhost`")]
    [InlineData("CREATE DEFINER=CURRENT_USER() TRIGGER t BEFORE INSERT ON x FOR EACH ROW SET @a = 1", "CURRENT_USER()")]
    [InlineData("CREATE DEFINER=`role_admin` EVENT e ON SCHEDULE EVERY 1 DAY DO SELECT 1", "`role_admin`")]
    [InlineData("CREATE DEFINER=\"app\"@\"%\" PROCEDURE p() SELECT 1", "\"app\"@\"%\"")]
    public void Header_definer_becomes_current_user(string sql, string original)
    {
        var rewrite = DefinerRewriter.ToCurrentUser(sql);

        Assert.Equal(original, rewrite.OriginalDefiner);
        Assert.Equal(sql.Replace(original, "CURRENT_USER", StringComparison.Ordinal)
            .Replace("DEFINER = CURRENT_USER", "DEFINER=CURRENT_USER", StringComparison.Ordinal)
            .Replace("CURRENT_USER()", "CURRENT_USER", StringComparison.Ordinal), rewrite.Sql);
    }

    [Fact]
    public void Definer_text_in_the_body_is_left_alone()
    {
        const string Sql = "CREATE PROCEDURE p() SELECT 'DEFINER=`x`@`y`', 1 AS DEFINER";

        Assert.Equal(new DefinerRewrite(Sql, null), DefinerRewriter.ToCurrentUser(Sql));
    }

    [Fact]
    public void View_ddl_replaces_and_notes_the_rewrite()
    {
        var view = new ViewSchema(new ObjectName("db", "v"), "app@%", "DEFINER", "NONE",
            "CREATE ALGORITHM=UNDEFINED DEFINER=`app`@`%` SQL SECURITY DEFINER VIEW `v` AS select 1 AS `1`"u8.ToArray(),
            new StoredObjectContext(null, "utf8mb4", "utf8mb4_general_ci", null), []);

        var ddl = MetadataDdlPlanner.View(view, SchemaOptions.Default);
        var kept = MetadataDdlPlanner.View(view, new SchemaOptions(KeepDefiners: true));

        Assert.Equal("CREATE OR REPLACE ALGORITHM=UNDEFINED DEFINER=CURRENT_USER SQL SECURITY DEFINER VIEW `v` AS select 1 AS `1`", ddl.Sql);
        Assert.Equal("`db`.`v`", ddl.Note?.Object);
        Assert.Contains("DEFINER `app`@`%` of view rewritten", ddl.Note?.Message, StringComparison.Ordinal);
        Assert.Equal("CREATE OR REPLACE ALGORITHM=UNDEFINED DEFINER=`app`@`%` SQL SECURITY DEFINER VIEW `v` AS select 1 AS `1`", kept.Sql);
        Assert.Null(kept.Note);
    }
}
