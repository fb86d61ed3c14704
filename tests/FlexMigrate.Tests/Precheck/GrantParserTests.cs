using FlexMigrate.Core.Precheck;

namespace FlexMigrate.Tests.Precheck;

public class GrantParserTests
{
    [Fact]
    public void All_privileges_on_star_star_covers_every_database_but_not_grant_option()
    {
        var set = GrantSet.Parse([Facts.AllPrivileges], ignoreCase: false);

        Assert.Equal(GrantScope.Global, set.Grants.Single().Scope);
        Assert.True(set.Has("EVENT", "anything"));
        Assert.True(set.HasGlobal("REPLICATION SLAVE"));
        Assert.Empty(set.Missing(["SELECT", "CREATE ROUTINE", "REPLICATION CLIENT"], null));
        Assert.False(set.HasGlobal("GRANT OPTION"));
    }

    [Fact]
    public void Database_grant_is_a_LIKE_pattern_with_escaped_underscore()
    {
        var set = GrantSet.Parse(
        [
            "GRANT USAGE ON *.* TO `u`@`%` IDENTIFIED BY PASSWORD '*B69027D44F6E5EDC07F1AEAD1477967B16F28227'",
            @"GRANT SELECT, SHOW VIEW ON `fm\_precheck%`.* TO `u`@`%`",
        ], ignoreCase: false);

        var grant = set.Grants[1];
        Assert.Equal((GrantScope.Database, @"fm\_precheck%"), (grant.Scope, grant.Database));
        Assert.True(set.Has("SELECT", "fm_precheck_orders"));
        Assert.False(set.Has("SELECT", "fmXprecheck_orders"));
        Assert.False(set.Has("SELECT", "FM_PRECHECK_orders"));
        Assert.Equal(["TRIGGER", "EVENT"], set.Missing(["SELECT", "SHOW VIEW", "TRIGGER", "EVENT"], "fm_precheck_x"));
    }

    [Fact]
    public void Database_patterns_ignore_case_when_the_server_does()
    {
        var set = GrantSet.Parse(["GRANT SELECT ON `App`.* TO `u`@`%`"], ignoreCase: true);

        Assert.True(set.Has("SELECT", "app"));
    }

    [Fact]
    public void MariaDB_binlog_monitor_and_replica_names_fold_to_the_MySQL_names()
    {
        var set = GrantSet.Parse(["GRANT REPLICATION REPLICA, BINLOG MONITOR ON *.* TO `repl`@`%`"], ignoreCase: false);

        Assert.Empty(set.Missing(["REPLICATION SLAVE", "REPLICATION CLIENT"], null));
    }

    [Fact]
    public void Column_level_privileges_do_not_count_as_table_privileges()
    {
        var grant = GrantParser.Parse("GRANT SELECT (`a`, `b`), INSERT ON `db`.`t` TO `u`@`%`")!;

        Assert.Equal((GrantScope.Table, "db", "t"), (grant.Scope, grant.Database, grant.Table));
        Assert.Equal(["INSERT"], grant.Privileges);
    }

    [Fact]
    public void Table_grants_count_for_that_table_only()
    {
        var set = GrantSet.Parse(["GRANT SELECT ON `mysql`.`proc` TO `u`@`%`"], ignoreCase: false);

        Assert.True(set.HasOnTable("SELECT", "mysql", "proc"));
        Assert.False(set.HasOnTable("SELECT", "mysql", "user"));
        Assert.False(set.Has("SELECT", "mysql"));
    }

    [Fact]
    public void Routine_grants_are_routine_scoped()
    {
        var grant = GrantParser.Parse("GRANT EXECUTE, ALTER ROUTINE ON PROCEDURE `db`.`p` TO `u`@`%`")!;

        Assert.Equal((GrantScope.Routine, "db", "p"), (grant.Scope, grant.Database, grant.Table));
    }

    [Theory]
    [InlineData("GRANT `fm_precheck_r` TO `u`@`%`", "fm_precheck_r")]
    [InlineData("GRANT `r1`@`%`,`r2`@`localhost` TO `u`@`%`", "r1@%|r2@localhost")]
    public void Role_memberships_list_the_roles(string line, string roles)
    {
        var grant = GrantParser.Parse(line)!;

        Assert.Equal(GrantScope.Role, grant.Scope);
        Assert.Equal(roles.Split('|'), grant.Roles);
    }

    [Theory]
    [InlineData("GRANT PROXY ON ''@'%' TO 'root'@'localhost' WITH GRANT OPTION")]
    [InlineData("SET DEFAULT ROLE `r` FOR `u`@`%`")]
    [InlineData("REVOKE INSERT ON `mysql`.* FROM `u`@`%`")]
    public void Proxy_default_role_and_partial_revoke_lines_are_skipped(string line) =>
        Assert.Null(GrantParser.Parse(line));

    [Fact]
    public void Azure_admin_has_everything_the_target_needs_but_no_SUPER()
    {
        var set = GrantSet.Parse([Facts.AzureFlexibleAdmin], ignoreCase: true);

        Assert.Empty(set.Missing(["SELECT", "INSERT", "CREATE", "ALTER", "INDEX", "DROP", "REFERENCES", "CREATE VIEW", "CREATE ROUTINE", "TRIGGER", "EVENT"], "app"));
        Assert.False(set.HasGlobal("SUPER"));
    }

    [Fact]
    public void Unparseable_line_is_a_FormatException_without_the_password()
    {
        var ex = Assert.Throws<FormatException>(() => GrantParser.Parse("GRANT SELECT ON nodot TO `u`@`%` IDENTIFIED BY PASSWORD '*SECRET'"));

        Assert.DoesNotContain("SECRET", ex.Message, StringComparison.Ordinal);
        Assert.Contains("IDENTIFIED BY <redacted>", ex.Message, StringComparison.Ordinal);
    }
}
