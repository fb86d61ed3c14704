using FlexMigrate.Core.Accounts;
using FlexMigrate.Core.Binlog;
using FlexMigrate.Core.Replication;

namespace FlexMigrate.Tests.Accounts;

/// <summary>Account statements as MariaDB and MySQL write them to the binlog, and what replay does with them.</summary>
public class AccountStatementNamesTests
{
    [Theory]
    [InlineData("CREATE USER 'a'@'%' IDENTIFIED BY 'pw1' REQUIRE SSL WITH MAX_QUERIES_PER_HOUR 10, 'b'@'10.%' IDENTIFIED BY 'pw2'", "'a'@'%' 'b'@'10.%'")]
    [InlineData("CREATE USER IF NOT EXISTS `a`@`%`", "'a'@'%'")]
    [InlineData("ALTER USER 'a'@'%' PASSWORD EXPIRE", "'a'@'%'")]
    [InlineData("DROP USER IF EXISTS 'a'@'%', 'b'@'localhost'", "'a'@'%' 'b'@'localhost'")]
    [InlineData("RENAME USER 'a'@'%' TO 'b'@'%'", "'a'@'%' 'b'@'%'")]
    [InlineData("GRANT SELECT, INSERT ON `shop`.* TO 'a'@'%' WITH GRANT OPTION", "'a'@'%'")]
    [InlineData("GRANT SELECT (a,b), UPDATE (b) ON shop.t TO 'a'@'%', 'b'@'%'", "'a'@'%' 'b'@'%'")]
    [InlineData("GRANT PROXY ON 'svc'@'%' TO 'a'@'%'", "'a'@'%'")]
    [InlineData("REVOKE ALL PRIVILEGES, GRANT OPTION FROM 'a'@'%'", "'a'@'%'")]
    [InlineData("GRANT reader TO 'a'@'%' WITH ADMIN OPTION", "'a'@'%'")]
    [InlineData("SET PASSWORD FOR 'a'@'%'='*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19'", "'a'@'%'")]
    [InlineData("SET DEFAULT ROLE 'reader' FOR 'a'@'%'", "'a'@'%'")]
    [InlineData("SET DEFAULT ROLE `r`@`%` TO `a`@`%`, `b`@`%`", "'a'@'%' 'b'@'%'")]
    [InlineData("CREATE ROLE reader", "'reader' 'reader'@'%'")]
    [InlineData("/* generated */ DROP ROLE IF EXISTS reader", "'reader' 'reader'@'%'")]
    public void Names_the_accounts_a_statement_changes(string sql, string expected)
    {
        var names = AccountStatementNames.Of(sql);

        Assert.NotNull(names);
        Assert.Equal(expected, string.Join(' ', names.OrderBy(n => n).Select(n => n.ToString())));
    }

    [Theory]
    [InlineData("SET PASSWORD = PASSWORD('x')")]
    [InlineData("ALTER USER CURRENT_USER() IDENTIFIED BY 'x'")]
    public void Statements_about_the_session_user_name_nobody(string sql)
    {
        Assert.Null(AccountStatementNames.Of(sql));
    }

    [Fact]
    public void The_description_never_holds_the_password_of_the_statement()
    {
        var text = AccountStatementNames.Describe("CREATE USER 'a'@'%' IDENTIFIED BY 'plain secret'");

        Assert.Equal("CREATE USER for 'a'@'%'", text);
    }

    [Fact]
    public void Replay_syncs_accounts_after_the_copy_skips_them_during_it_and_otherwise_notes_them_without_their_text()
    {
        var change = new DdlChange("shop", "GRANT SELECT ON shop.* TO 'a'@'%' IDENTIFIED BY 'plain secret'");
        var statement = DdlClassifier.Classify(change.Sql, "shop");
        var position = new BinlogPosition("mysql-bin.000007", 1234);
        var scope = new ReplicationScope(["shop"], [], []);

        Assert.Equal(DdlAction.SyncAccounts, new DdlPolicy(scope, replayAccounts: true).Decide(change, statement, false, position, _ => true).Action);
        var duringCopy = new DdlPolicy(scope, replayAccounts: true).Decide(change, statement, true, position, _ => true);
        var skipped = new DdlPolicy(scope).Decide(change, statement, false, position, _ => true);

        Assert.Equal(DdlAction.Skip, duringCopy.Action);
        Assert.Equal("Account statement at mysql-bin.000007:1234 not replicated (accounts are migrated with --users): GRANT SELECT for 'a'@'%'", skipped.Note);
        Assert.DoesNotContain("plain secret", duringCopy.Note, StringComparison.Ordinal);
    }
}
