using FlexMigrate.Core.Accounts;
using static FlexMigrate.Tests.Accounts.AccountFixtures;

namespace FlexMigrate.Tests.Accounts;

public class AccountDiffTests
{
    private static readonly Account App = new(new AccountName("app", "%"), false)
    {
        Credentials = [AccountCredential.FromText("mysql_native_password", NativeHash)],
        Grants = [Grant(Db("shop"), "SELECT", "INSERT"), Columns(Table("shop", "t"), "UPDATE", "a", "b")],
        Roles = [new RoleGrant(new AccountName("reader", ""), false)],
        DefaultRoles = [new AccountName("reader", "")],
    };

    [Fact]
    public void A_missing_account_is_created_with_its_grants_roles_and_default_role()
    {
        var result = new AccountDiff(MariaDb1011).Compare(App, null);

        Assert.Equal(
        [
            $"CREATE USER IF NOT EXISTS `app`@`%` IDENTIFIED BY PASSWORD '{NativeHash}'",
            "GRANT INSERT, SELECT ON `shop`.* TO `app`@`%`",
            "GRANT UPDATE (`a`, `b`) ON `shop`.`t` TO `app`@`%`",
            "GRANT `reader` TO `app`@`%`",
            "SET DEFAULT ROLE `reader` FOR `app`@`%`",
        ], result.Statements.Select(s => s.Sql));
        Assert.Equal("missing-account", Assert.Single(result.Differences).Kind);
    }

    [Fact]
    public void An_equal_account_needs_nothing()
    {
        var result = new AccountDiff(MariaDb1011).Compare(App, App);

        Assert.Empty(result.Statements);
        Assert.Empty(result.Differences);
    }

    [Fact]
    public void Differences_become_the_statements_that_remove_them_in_order()
    {
        var actual = App with
        {
            Credentials = [AccountCredential.FromText("mysql_native_password", "*0000000000000000000000000000000000000000")],
            Locked = true,
            Password = new PasswordPolicy(Expired: true),
            Grants = [Grant(Db("shop"), "SELECT", "DELETE"), Columns(Table("shop", "t"), "UPDATE", "b", "c")],
            Roles = [new RoleGrant(new AccountName("reader", ""), true)],
            DefaultRoles = [],
        };

        var result = new AccountDiff(MariaDb1011).Compare(App, actual);

        Assert.Equal(
        [
            $"ALTER USER `app`@`%` IDENTIFIED BY PASSWORD '{NativeHash}' ACCOUNT UNLOCK",
            "GRANT INSERT ON `shop`.* TO `app`@`%`",
            "REVOKE DELETE ON `shop`.* FROM `app`@`%`",
            "GRANT UPDATE (`a`) ON `shop`.`t` TO `app`@`%`",
            "REVOKE UPDATE (`c`) ON `shop`.`t` FROM `app`@`%`",
            "REVOKE `reader` FROM `app`@`%`",
            "GRANT `reader` TO `app`@`%`",
            "SET DEFAULT ROLE `reader` FOR `app`@`%`",
        ], result.Statements.Select(s => s.Sql));
        Assert.Equal(["authentication", "password", "lock", "missing-grant", "extra-grant", "missing-grant", "extra-grant", "role", "default-role"],
            result.Differences.Select(d => d.Kind));
        Assert.DoesNotContain(result.Differences, d => d.Detail.Contains(NativeHash, StringComparison.Ordinal));
        Assert.Equal("ALTER USER `app`@`%` IDENTIFIED BY PASSWORD '<hash>' ACCOUNT UNLOCK", result.Statements[0].Display);
    }

    [Fact]
    public void An_expired_password_is_expired_again_after_the_hash_is_written()
    {
        var desired = App with { Password = new PasswordPolicy(Expired: true) };
        var actual = App with { Credentials = [AccountCredential.FromText("mysql_native_password", "*0000000000000000000000000000000000000000")], Password = new PasswordPolicy(Expired: true) };

        var statements = new AccountDiff(MariaDb1011).Compare(desired, actual).Statements.Select(s => s.Sql).ToList();

        Assert.Equal([$"ALTER USER `app`@`%` IDENTIFIED BY PASSWORD '{NativeHash}'", "ALTER USER `app`@`%` PASSWORD EXPIRE"], statements);
    }

    [Fact]
    public void All_privileges_equals_the_full_list_and_MySql8_dynamic_privileges_under_all_are_not_differences()
    {
        var desired = new Account(new AccountName("dba", "%"), false) { Grants = [Grant(GrantObject.Global, Core.Accounts.PrivilegeCatalog.All)] };
        var printed = desired with
        {
            Grants = [Grant(GrantObject.Global, [.. Core.Accounts.PrivilegeCatalog.LevelPrivileges(MySql80, GrantLevel.Global), "BACKUP_ADMIN", "ROLE_ADMIN"])],
        };

        Assert.Empty(new AccountDiff(MySql80).Compare(desired, printed).Differences);
        var missingOne = printed with { Grants = [Grant(GrantObject.Global, ["SELECT"])] };
        var result = new AccountDiff(MySql80).Compare(desired, missingOne);
        Assert.Equal(["GRANT ALL PRIVILEGES ON *.* TO `dba`@`%`"], result.Statements.Select(s => s.Sql));
    }

    [Fact]
    public void Grant_option_and_proxies_are_compared()
    {
        var desired = App with { Grants = [Grant(Db("shop"), "SELECT") with { GrantOption = true }], Proxies = [new ProxyGrant(new AccountName("svc", "%"), false)] };
        var actual = App with { Grants = [Grant(Db("shop"), "SELECT")], Proxies = [new ProxyGrant(new AccountName("old", "%"), false)] };

        var sql = new AccountDiff(MariaDb1011).Compare(desired, actual).Statements.Select(s => s.Sql).ToList();

        Assert.Contains("GRANT USAGE ON `shop`.* TO `app`@`%` WITH GRANT OPTION", sql);
        Assert.Contains("GRANT PROXY ON `svc`@`%` TO `app`@`%`", sql);
        Assert.Contains("REVOKE PROXY ON `old`@`%` FROM `app`@`%`", sql);
    }

    [Fact]
    public void An_account_gone_from_the_source_is_dropped()
    {
        var result = new AccountDiff(MariaDb1011).Compare(null, App);

        Assert.Equal(["DROP USER IF EXISTS `app`@`%`"], result.Statements.Select(s => s.Sql));
        Assert.Equal(["DROP ROLE IF EXISTS `reader`"], new AccountDiff(MariaDb1011).Compare(null, new Account(new AccountName("reader", ""), true)).Statements.Select(s => s.Sql));
    }
}
