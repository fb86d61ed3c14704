using FlexMigrate.Core.Accounts;

namespace FlexMigrate.Tests.Accounts;

/// <summary>SHOW GRANTS lines as MySQL 5.6, 5.7, 8.0 and MariaDB 10.11 print them.</summary>
public class ShowGrantsParserTests
{
    [Fact]
    public void MySql8_static_and_dynamic_global_privileges_with_grant_option()
    {
        var statics = ShowGrantsParser.Parse(
            "GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, DROP, RELOAD, SHUTDOWN, PROCESS, FILE, REFERENCES, INDEX, ALTER, SHOW DATABASES, SUPER, " +
            "CREATE TEMPORARY TABLES, LOCK TABLES, EXECUTE, REPLICATION SLAVE, REPLICATION CLIENT, CREATE VIEW, SHOW VIEW, CREATE ROUTINE, ALTER ROUTINE, " +
            "CREATE USER, EVENT, TRIGGER, CREATE TABLESPACE, CREATE ROLE, DROP ROLE ON *.* TO `root`@`localhost` WITH GRANT OPTION");
        var dynamic = ShowGrantsParser.Parse("GRANT BACKUP_ADMIN,ROLE_ADMIN,SET_USER_ID,SYSTEM_USER,XA_RECOVER_ADMIN ON *.* TO `root`@`localhost` WITH GRANT OPTION");

        Assert.Equal((GrantLineKind.Privileges, new AccountName("root", "localhost")), (statics.Kind, statics.Grantee));
        Assert.Equal(GrantObject.Global, statics.Grant!.On);
        Assert.Equal(30, statics.Grant.Privileges.Count);
        Assert.Contains("CREATE TEMPORARY TABLES", statics.Grant.Privileges);
        Assert.True(statics.Grant.GrantOption);
        Assert.Equal(["BACKUP_ADMIN", "ROLE_ADMIN", "SET_USER_ID", "SYSTEM_USER", "XA_RECOVER_ADMIN"], dynamic.Grant!.Privileges);
    }

    [Fact]
    public void MySql57_quotes_accounts_with_single_quotes_and_objects_with_backticks()
    {
        var db = ShowGrantsParser.Parse("GRANT SELECT, INSERT ON `shop`.* TO 'app'@'10.0.%'");
        var columns = ShowGrantsParser.Parse("GRANT SELECT (`id`, `name`), UPDATE (`name`) ON `shop`.`customers` TO 'app'@'10.0.%'");
        var routine = ShowGrantsParser.Parse("GRANT EXECUTE, ALTER ROUTINE ON PROCEDURE `shop`.`refresh` TO 'app'@'10.0.%'");
        var function = ShowGrantsParser.Parse("GRANT EXECUTE ON FUNCTION `shop`.`price` TO 'app'@'10.0.%'");

        Assert.Equal(new AccountName("app", "10.0.%"), db.Grantee);
        Assert.Equal(new GrantObject(GrantLevel.Database, "shop", ""), db.Grant!.On);
        Assert.Equal(["INSERT", "SELECT"], db.Grant.Privileges);
        Assert.Equal(new GrantObject(GrantLevel.Table, "shop", "customers"), columns.Grant!.On);
        Assert.Empty(columns.Grant.Privileges);
        Assert.Equal(["id", "name"], columns.Grant.Columns["SELECT"]);
        Assert.Equal(["name"], columns.Grant.Columns["UPDATE"]);
        Assert.Equal(new GrantObject(GrantLevel.Procedure, "shop", "refresh"), routine.Grant!.On);
        Assert.Equal(["ALTER ROUTINE", "EXECUTE"], routine.Grant.Privileges);
        Assert.Equal(GrantLevel.Function, function.Grant!.On.Level);
    }

    [Fact]
    public void MySql56_usage_line_with_hash_tls_and_limits_keeps_only_the_grant_and_its_option()
    {
        var usage = ShowGrantsParser.Parse(
            "GRANT USAGE ON *.* TO 'app'@'%' IDENTIFIED BY PASSWORD '*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19' REQUIRE SSL WITH GRANT OPTION MAX_QUERIES_PER_HOUR 100 MAX_USER_CONNECTIONS 5");

        Assert.False(usage.Grant!.IsEmpty);
        Assert.Empty(usage.Grant.Privileges);
        Assert.True(usage.Grant.GrantOption);
        Assert.Equal(new AccountName("app", "%"), usage.Grantee);
    }

    [Fact]
    public void MySql8_role_grants_proxy_and_partial_revokes()
    {
        var roles = ShowGrantsParser.Parse("GRANT `app_read`@`%`,`app_write`@`%` TO `app`@`%` WITH ADMIN OPTION");
        var proxy = ShowGrantsParser.Parse("GRANT PROXY ON ``@`` TO `root`@`localhost` WITH GRANT OPTION");
        var revoke = ShowGrantsParser.Parse("REVOKE INSERT, DELETE ON `mysql`.* FROM `ops`@`%`");

        Assert.Equal(GrantLineKind.Roles, roles.Kind);
        Assert.Equal([new RoleGrant(new AccountName("app_read", "%"), true), new RoleGrant(new AccountName("app_write", "%"), true)], roles.Roles);
        Assert.Equal((GrantLineKind.Proxy, new AccountName("", ""), true), (proxy.Kind, proxy.Proxy!.Proxied, proxy.Proxy.GrantOption));
        Assert.Equal(GrantLineKind.PartialRevoke, revoke.Kind);
        Assert.Equal(["DELETE", "INSERT"], revoke.Grant!.Privileges);
        Assert.Equal(new GrantObject(GrantLevel.Database, "mysql", ""), revoke.Grant.On);
    }

    [Fact]
    public void MariaDb_roles_default_role_wildcard_database_and_aliases()
    {
        var role = ShowGrantsParser.Parse("GRANT `zz_r` TO `zz_a`@`%`");
        var defaultRole = ShowGrantsParser.Parse("SET DEFAULT ROLE `zz_r` FOR `zz_a`@`%`");
        var wildcard = ShowGrantsParser.Parse(@"GRANT SELECT, INSERT ON `zz\_db%`.* TO `zz_r`");
        var renamed = ShowGrantsParser.Parse("GRANT REPLICATION SLAVE, BINLOG MONITOR, SLAVE MONITOR ON *.* TO `repl`@`%` IDENTIFIED BY PASSWORD '*5B863D60F5EAA5F5AF02554A63042F7FB8F7498D'");
        var via = ShowGrantsParser.Parse("GRANT USAGE ON *.* TO `zz_b`@`10.%` IDENTIFIED VIA ed25519 USING 'tk1c1iztGJOZ5y69CzF/YwQw1ahJn0JriU7XYAlFDVY' OR mysql_native_password USING '*77B4'");

        Assert.Equal([new RoleGrant(new AccountName("zz_r", ""), false)], role.Roles);
        Assert.Equal((GrantLineKind.DefaultRole, new AccountName("zz_r", "")), (defaultRole.Kind, defaultRole.Roles[0].Role));
        Assert.Equal(new AccountName("zz_r", ""), wildcard.Grantee);
        Assert.Equal(@"zz\_db%", wildcard.Grant!.On.Database);
        Assert.Equal(["REPLICATION CLIENT", "REPLICATION SLAVE", "SLAVE MONITOR"], renamed.Grant!.Privileges);
        Assert.True(via.Grant!.IsEmpty);
    }

    [Fact]
    public void Names_with_quotes_backticks_dots_and_commas_survive()
    {
        var line = ShowGrantsParser.Parse("GRANT SELECT ON `we``ird.db`.`t, 1` TO `o'brien`@`host.example.com`");

        Assert.Equal(new GrantObject(GrantLevel.Table, "we`ird.db", "t, 1"), line.Grant!.On);
        Assert.Equal(new AccountName("o'brien", "host.example.com"), line.Grantee);
    }

    [Fact]
    public void An_unreadable_line_fails_without_quoting_the_hash()
    {
        var error = Assert.Throws<FormatException>(() => ShowGrantsParser.Parse("GRANT SELECT ON shop TO `u`@`%` IDENTIFIED BY PASSWORD '*SECRETHASH'"));

        Assert.DoesNotContain("SECRETHASH", error.Message, StringComparison.Ordinal);
        Assert.Contains("expected *.*, db.* or db.name", error.Message, StringComparison.Ordinal);
    }
}
