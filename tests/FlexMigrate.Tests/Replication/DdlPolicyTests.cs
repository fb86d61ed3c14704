using FlexMigrate.Core.Binlog;
using FlexMigrate.Core.Replication;
using FlexMigrate.Core.Sql;

namespace FlexMigrate.Tests.Replication;

public sealed class DdlPolicyTests
{
    private static readonly BinlogPosition Position = new("mysql-bin.000007", 1234);
    private static readonly DdlPolicy Policy = new(new ReplicationScope(["app"], [], ["app.skip"]));

    [Theory]
    [InlineData("ALTER TABLE t ADD c INT", false, "Apply", "ALTER TABLE t ADD c INT")]
    [InlineData("ALTER TABLE t ADD c INT", true, "Fail", null)]
    [InlineData("CREATE INDEX i ON t (a)", true, "Fail", null)]
    [InlineData("RENAME TABLE t TO t2", true, "Fail", null)]
    [InlineData("TRUNCATE TABLE t", true, "Apply", "TRUNCATE TABLE t")]
    [InlineData("DROP TABLE t, other.x, skip", false, "Apply", "DROP TABLE IF EXISTS `app`.`t`")]
    [InlineData("ALTER TABLE skip ADD c INT", true, "Skip", null)]
    [InlineData("ALTER TABLE other.t ADD c INT", true, "Skip", null)]
    [InlineData("CREATE TEMPORARY TABLE t (a INT)", true, "Skip", null)]
    [InlineData("CREATE VIEW v AS SELECT 1", true, "Skip", null)]
    [InlineData("CREATE VIEW v AS SELECT 1", false, "Apply", "CREATE OR REPLACE VIEW v AS SELECT 1")]
    [InlineData("DROP VIEW v", false, "Apply", "DROP VIEW IF EXISTS v")]
    [InlineData("DROP PROCEDURE p", false, "Apply", "DROP PROCEDURE IF EXISTS p")]
    [InlineData("CREATE OR REPLACE DEFINER=`u`@`%` PROCEDURE p() SELECT 1", false, "Apply", "DROP PROCEDURE IF EXISTS `app`.`p`;CREATE  DEFINER=CURRENT_USER PROCEDURE p() SELECT 1")]
    [InlineData("CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW SET NEW.a = 1", false, "Skip", null)]
    [InlineData("DROP DATABASE app", true, "Fail", null)]
    [InlineData("DROP DATABASE app", false, "Apply", "DROP DATABASE IF EXISTS app")]
    [InlineData("CREATE DATABASE app CHARACTER SET utf8mb4", false, "Apply", "CREATE DATABASE IF NOT EXISTS app CHARACTER SET utf8mb4")]
    [InlineData("INSERT INTO t VALUES (1)", false, "Fail", null)]
    [InlineData("FLUSH TABLES", false, "Skip", null)]
    public void Decides_by_kind_scope_and_copy_phase(string sql, bool duringCopy, string action, string? applied)
    {
        var change = new DdlChange("app", sql);
        var decision = Policy.Decide(change, DdlClassifier.Classify(sql, "app"), duringCopy, Position, _ => true);

        Assert.Equal(Enum.Parse<DdlAction>(action), decision.Action);
        if (applied is not null)
        {
            Assert.Equal(applied, string.Join(";", decision.Sql));
        }
    }

    [Fact]
    public void Create_table_during_the_copy_runs_only_when_the_target_lacks_the_table()
    {
        var change = new DdlChange("app", "CREATE TABLE n (id INT PRIMARY KEY)");
        var statement = DdlClassifier.Classify(change.Sql, "app");

        Assert.Equal(DdlAction.Apply, Policy.Decide(change, statement, true, Position, _ => false).Action);
        var kept = Policy.Decide(change, statement, true, Position, _ => true);
        Assert.Equal(DdlAction.Skip, kept.Action);
        Assert.Contains("already exists on the target", kept.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Failure_during_the_copy_names_statement_table_position_and_the_fix()
    {
        var change = new DdlChange("app", "ALTER TABLE t\n  DROP COLUMN c");
        var decision = Policy.Decide(change, DdlClassifier.Classify(change.Sql, "app"), true, Position, _ => true);

        Assert.Equal(
            "Table `app`.`t` changed during the initial copy: `ALTER TABLE t DROP COLUMN c` at source binlog position mysql-bin.000007:1234 (before the copy finished at the catch-up position). " +
            "The copied rows may not match the new definition. Restart the migration for this table (with drop-existing) at a time when no DDL runs on it.",
            decision.Note);
    }

    [Fact]
    public void Trigger_and_account_notes_say_why()
    {
        var trigger = Policy.Decide(new DdlChange("app", "DROP TRIGGER tr"), DdlClassifier.Classify("DROP TRIGGER tr", "app"), false, Position, _ => true);
        var grant = Policy.Decide(new DdlChange("app", "GRANT ALL ON app.* TO u"), DdlClassifier.Classify("GRANT ALL ON app.* TO u", "app"), false, Position, _ => true);

        Assert.Equal("DROP TRIGGER `app`.`tr` at mysql-bin.000007:1234: deferred to cutover (triggers and events are created at cutover so they never fire on replicated rows).", trigger.Note);
        Assert.StartsWith("Account statement at mysql-bin.000007:1234 not replicated", grant.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Rewrites_keep_every_other_byte_of_a_latin1_statement()
    {
        byte[] sql = [.. "CREATE DEFINER=`u`@`%` VIEW v AS SELECT 'caf"u8, 0xE9, .. "' AS x"u8.ToArray()];
        var change = Change(sql, "latin1", "");

        var decision = Policy.Decide(change, DdlClassifier.Classify(change.Sql, "app", ""), false, Position, _ => true);

        byte[] expected = [.. "CREATE OR REPLACE DEFINER=CURRENT_USER VIEW v AS SELECT 'caf"u8, 0xE9, .. "' AS x"u8.ToArray()];
        Assert.Equal(expected, Assert.Single(decision.Statements).Bytes.ToArray());
        Assert.False(decision.Statements[0].IsEngineText);
    }

    [Fact]
    public void A_routine_written_under_NO_BACKSLASH_ESCAPES_is_read_with_it()
    {
        // 'a\' ends the literal under NO_BACKSLASH_ESCAPES; read with escapes it would never end.
        var change = Change("CREATE OR REPLACE PROCEDURE p() SELECT 'a\\' AS b"u8.ToArray(), "utf8mb4", "NO_BACKSLASH_ESCAPES");
        var statement = DdlClassifier.Classify(change.Sql, "app", change.Session!.SqlMode);

        var decision = Policy.Decide(change, statement, false, Position, _ => true);

        Assert.Equal((DdlObjectKind.Procedure, DdlAction.Apply), (statement.Kind, decision.Action));
        Assert.Equal(["DROP PROCEDURE IF EXISTS `app`.`p`", "CREATE  PROCEDURE p() SELECT 'a\\' AS b"], decision.Sql);
        Assert.True(decision.Statements[0].IsEngineText);
    }

    [Fact]
    public void Names_in_double_quotes_under_ANSI_QUOTES_are_identifiers()
    {
        var statement = DdlClassifier.Classify("ALTER TABLE \"skip\" ADD c INT", "app", "ANSI_QUOTES");
        var dropped = DdlClassifier.Classify("DROP TABLE \"t\"", "app", "ANSI_QUOTES,PIPES_AS_CONCAT");

        Assert.Equal("`app`.`skip`", Assert.Single(statement.Objects).ToString());
        Assert.Equal("`app`.`t`", Assert.Single(dropped.Objects).ToString());
    }

    private static DdlChange Change(byte[] sql, string charset, string sqlMode)
    {
        var bytes = new StatementBytes(sql, SqlCharset.Of(charset));
        return new DdlChange("app", bytes.Text) { Statement = bytes, Session = new SessionState { SqlMode = sqlMode, CharacterSetClient = charset } };
    }
}
