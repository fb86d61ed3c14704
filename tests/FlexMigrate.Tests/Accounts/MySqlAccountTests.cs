using FlexMigrate.Core.Accounts;
using FlexMigrate.Core.Precheck;
using static FlexMigrate.Tests.Accounts.AccountFixtures;

namespace FlexMigrate.Tests.Accounts;

/// <summary>
/// MySQL sources and Azure Flexible Server (MySQL 5.7/8.0) targets, which no server here can run: mysql.user rows and
/// SHOW GRANTS lines as MySQL prints them, read, translated and written as MySQL statements.
/// </summary>
public class MySqlAccountTests
{
    [Fact]
    public void A_caching_sha2_hash_with_a_binary_salt_is_read_intact_and_written_as_a_hex_literal_but_shown_masked()
    {
        var account = UserTableReader.Read(MySql80Row("app", "%", "caching_sha2_password", CachingSha2Hash));
        var translated = Translator(MySql80, Flexible()).Translate(account, _ => false);
        var create = AccountSql.For(MySql80).Create(translated.Target).Single();

        Assert.True(account.Credentials.Single().AuthenticationString.Span.SequenceEqual(CachingSha2Hash));
        Assert.Equal($"CREATE USER IF NOT EXISTS `app`@`%` IDENTIFIED WITH 'caching_sha2_password' AS 0x{Convert.ToHexString(CachingSha2Hash)}", create.Sql);
        Assert.Equal("CREATE USER IF NOT EXISTS `app`@`%` IDENTIFIED WITH 'caching_sha2_password' AS '<hash>'", create.Display);
        Assert.DoesNotContain(Convert.ToHexString(CachingSha2Hash), create.ToString(), StringComparison.Ordinal);
        Assert.Empty(translated.Notes);
    }

    [Fact]
    public void MySql8_policy_columns_and_user_attributes_are_read_and_written_for_MySql8()
    {
        var row = MySql80Row("ops", "10.%", "mysql_native_password", System.Text.Encoding.ASCII.GetBytes(NativeHash));
        row["ssl_type"] = "SPECIFIED";
        row["ssl_cipher"] = "ECDHE-RSA-AES256-GCM-SHA384"u8.ToArray();
        row["x509_subject"] = "/CN=ops"u8.ToArray();
        row["max_user_connections"] = 5u;
        row["password_expired"] = "Y";
        row["password_lifetime"] = (ushort)90;
        row["account_locked"] = "Y";
        row["Password_reuse_history"] = (ushort)5;
        row["Password_reuse_time"] = (ushort)365;
        row["Password_require_current"] = "Y";
        row["User_attributes"] = """{"metadata": {"comment": "ops team"}, "Password_locking": {"failed_login_attempts": 3, "password_lock_time_days": -1}}""";
        var account = UserTableReader.Read(row);
        var statements = AccountSql.For(MySql80).Create(Translator(MySql80, Flexible()).Translate(account, _ => false).Target).ToList();

        Assert.Equal(new PasswordPolicy(true, 90, 5, 365, true, 3, -1), account.Password);
        Assert.Equal(
            $"CREATE USER IF NOT EXISTS `ops`@`10.%` IDENTIFIED WITH 'mysql_native_password' AS '{NativeHash}' REQUIRE CIPHER 'ECDHE-RSA-AES256-GCM-SHA384' AND SUBJECT '/CN=ops' " +
            "WITH MAX_USER_CONNECTIONS 5 PASSWORD EXPIRE INTERVAL 90 DAY PASSWORD HISTORY 5 PASSWORD REUSE INTERVAL 365 DAY PASSWORD REQUIRE CURRENT " +
            "FAILED_LOGIN_ATTEMPTS 3 PASSWORD_LOCK_TIME UNBOUNDED ACCOUNT LOCK ATTRIBUTE '{\"comment\":\"ops team\"}'",
            statements[0].Sql);
        Assert.Equal("ALTER USER `ops`@`10.%` PASSWORD EXPIRE", statements[1].Sql);
    }

    [Fact]
    public void MySql8_roles_default_roles_and_proxies_read_from_show_grants_are_written_as_MySql_roles()
    {
        var user = AccountReader.Apply(new Account(new AccountName("app", "%"), false) { DefaultRoles = [new AccountName("app_read", "%")] },
            new[] { "GRANT USAGE ON *.* TO `app`@`%`", "GRANT `app_read`@`%`,`app_write`@`%` TO `app`@`%`", "GRANT PROXY ON `svc`@`%` TO `app`@`%`" }
                .Select(ShowGrantsParser.Parse));
        var sql = AccountSql.For(MySql80);

        Assert.Equal("GRANT `app_read`@`%` TO `app`@`%`", sql.GrantRole(user, user.Roles[0]).Sql);
        Assert.Equal("SET DEFAULT ROLE `app_read`@`%` TO `app`@`%`", sql.DefaultRoles(user).Sql);
        Assert.Equal("GRANT PROXY ON `svc`@`%` TO `app`@`%`", sql.GrantProxy(user, user.Proxies[0]).Sql);
        Assert.Equal("CREATE ROLE IF NOT EXISTS `app_read`@`%`", sql.Create(new Account(new AccountName("app_read", "%"), true)).Single().Sql);
    }

    [Fact]
    public void Privileges_Flexible_Server_does_not_grant_are_stripped_with_the_documented_reason()
    {
        var account = new Account(new AccountName("dba", "%"), false)
        {
            Credentials = [AccountCredential.FromText("mysql_native_password", NativeHash)],
            Grants = [Grant(GrantObject.Global, "SELECT", "SUPER", "FILE", "SHUTDOWN", "CREATE TABLESPACE", "PROCESS", "BACKUP_ADMIN", "ROLE_ADMIN", "SYSTEM_VARIABLES_ADMIN")],
        };
        var translated = Translator(MySql80, Flexible()).Translate(account, _ => false);

        Assert.Equal(["PROCESS", "ROLE_ADMIN", "SELECT"], translated.Target.Grants.Single().Privileges);
        var note = Assert.Single(translated.Notes, n => n.Code == "privilege-stripped");
        Assert.Equal(AccountNoteSeverity.Warning, note.Severity);
        Assert.Contains("SUPER (Azure Database for MySQL Flexible Server restricts SUPER (" + FlexibleServerRestrictions.LimitationsUrl + "))", note.Message, StringComparison.Ordinal);
        Assert.Contains("BACKUP_ADMIN, SYSTEM_VARIABLES_ADMIN (Azure Database for MySQL Flexible Server supports only the dynamic privileges REPLICATION_APPLIER, ROLE_ADMIN, SESSION_VARIABLES_ADMIN, SHOW_ROUTINE, XA_RECOVER_ADMIN", note.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void All_privileges_on_star_star_becomes_the_list_the_Flexible_admin_grants_and_stays_all_on_a_database()
    {
        var account = new Account(new AccountName("owner", "%"), false)
        {
            Grants = [Grant(GrantObject.Global, PrivilegeCatalog.All), Grant(Db("Shop"), PrivilegeCatalog.All)],
        };
        var translated = Translator(MySql57, Flexible()).Translate(account, _ => false);

        var global = translated.Target.Grants.Single(g => g.On == GrantObject.Global);
        Assert.Equal(PrivilegeCatalog.LevelPrivileges(MySql80, GrantLevel.Global).Except(["SUPER", "FILE", "SHUTDOWN", "CREATE TABLESPACE"]).Order(StringComparer.Ordinal), global.Privileges.ToList());
        Assert.Equal([PrivilegeCatalog.All], translated.Target.Grants.Single(g => g.On.Level == GrantLevel.Database).Privileges);
        Assert.Equal(Db("shop"), translated.Target.Grants.Single(g => g.On.Level == GrantLevel.Database).On);
        Assert.Contains(translated.Notes, n => n.Code == "all-privileges-expanded" && n.Message.Contains("on *.*", StringComparison.Ordinal));
    }

    [Fact]
    public void MariaDb_accounts_become_MySql_accounts_on_Flexible_Server()
    {
        var role = new Account(new AccountName("reader", ""), true) { Grants = [Grant(Db("shop"), "SELECT", "DELETE HISTORY")] };
        var user = new Account(new AccountName("app", "%"), false)
        {
            Credentials = [AccountCredential.FromText("ed25519", "tk1c1iztGJOZ5y69CzF/YwQw1ahJn0JriU7XYAlFDVY"), AccountCredential.FromText("mysql_native_password", NativeHash)],
            Limits = new ResourceLimits(MaxUserConnections: 10, MaxStatementTime: 2.5),
            Grants = [Grant(GrantObject.Global, "REPLICATION CLIENT", "SLAVE MONITOR", "CONNECTION ADMIN", "BINLOG REPLAY")],
            Roles = [new RoleGrant(new AccountName("reader", ""), false)],
            DefaultRoles = [new AccountName("reader", "")],
        };
        var translator = Translator(MariaDb1011, Flexible());
        var isRole = (AccountName n) => n.Host.Length == 0;
        var r = translator.Translate(role, isRole);
        var u = translator.Translate(user, isRole);

        Assert.Equal(new AccountName("reader", "%"), r.Target.Name);
        Assert.Contains(r.Notes, n => n.Code == "role-renamed");
        Assert.Equal(["SELECT"], r.Target.Grants.Single().Privileges);
        Assert.Contains(r.Notes, n => n.Message.Contains("DELETE HISTORY (MySQL has no such privilege)", StringComparison.Ordinal));
        Assert.Equal("mysql_native_password", u.Target.Credentials.Single().Plugin);
        Assert.Contains(u.Notes, n => n.Code == "plugin-dropped" && n.Message.Contains("ed25519", StringComparison.Ordinal));
        Assert.Equal(new ResourceLimits(MaxUserConnections: 10), u.Target.Limits);
        Assert.Contains(u.Notes, n => n.Code == "limit-dropped");
        Assert.Equal(["REPLICATION CLIENT"], u.Target.Grants.Single().Privileges);
        Assert.Equal([new RoleGrant(new AccountName("reader", "%"), false)], u.Target.Roles);
        Assert.Equal([new AccountName("reader", "%")], u.Target.DefaultRoles);
        Assert.False(u.Blocked);
    }

    [Theory]
    [InlineData("ed25519", "install the plugin on the target")]
    [InlineData("unix_socket", "IDENTIFIED VIA mysql_native_password")]
    [InlineData("mysql_old_password", "SET old_passwords = 0")]
    public void An_account_without_a_login_method_the_target_has_is_an_error_with_a_remedy(string plugin, string remedy)
    {
        var account = new Account(new AccountName("legacy", "%"), false) { Credentials = [AccountCredential.FromText(plugin, "abc")] };

        var note = Assert.Single(Translator(MariaDb1011, Flexible()).Translate(account, _ => false).Notes);

        Assert.Equal((AccountNoteSeverity.Error, "plugin-unsupported"), (note.Severity, note.Code));
        Assert.Contains(remedy, note.Remedy, StringComparison.Ordinal);
    }

    [Fact]
    public void A_MySql56_pre_41_hash_is_read_as_mysql_old_password_and_refused()
    {
        var account = UserTableReader.Read(MySql56Row("old", "%", "5d2e19393cc5ef67"));
        var current = UserTableReader.Read(MySql56Row("new", "%", NativeHash));

        Assert.Equal("mysql_old_password", account.Credentials.Single().Plugin);
        Assert.Equal(AccountCredential.NativePassword, current.Credentials.Single().Plugin);
        Assert.True(Translator(ServerVersion.Parse("5.6.47.0"), Flexible(MySql57)).Translate(account, _ => false).Blocked);
        Assert.False(Translator(ServerVersion.Parse("5.6.47.0"), Flexible(MySql57)).Translate(current, _ => false).Blocked);
    }

    [Fact]
    public void A_MySql57_target_has_no_roles_and_no_MySql8_password_options()
    {
        var account = new Account(new AccountName("app", "%"), false)
        {
            Credentials = [AccountCredential.FromText("mysql_native_password", NativeHash)],
            Password = new PasswordPolicy(History: 3),
            Roles = [new RoleGrant(new AccountName("r", "%"), false)],
        };
        var translated = Translator(MySql80, Flexible(MySql57)).Translate(account, _ => false);

        Assert.Contains(translated.Notes, n => n.Code == "roles-unsupported" && n.Severity == AccountNoteSeverity.Error);
        Assert.Contains(translated.Notes, n => n.Code == "password-option-dropped");
        Assert.Equal($"CREATE USER IF NOT EXISTS `app`@`%` IDENTIFIED WITH 'mysql_native_password' AS '{NativeHash}'", AccountSql.For(MySql57).Create(translated.Target with { Roles = [] }).Single().Sql);
    }

    [Fact]
    public void Partial_revokes_need_partial_revokes_on_the_target()
    {
        var account = AccountReader.Apply(new Account(new AccountName("ops", "%"), false),
            new[] { "GRANT SELECT, INSERT ON *.* TO `ops`@`%`", "REVOKE INSERT ON `mysql`.* FROM `ops`@`%`" }.Select(ShowGrantsParser.Parse));

        Assert.True(Translator(MySql80, Flexible()).Translate(account, _ => false).Blocked);
        var kept = Translator(MySql80, Flexible(partialRevokes: true)).Translate(account, _ => false);
        Assert.False(kept.Blocked);
        Assert.Equal("REVOKE INSERT ON `mysql`.* FROM `ops`@`%`", AccountSql.For(MySql80).Revoke(kept.Target, kept.Target.PartialRevokes.Single()).Sql);
    }

    [Fact]
    public void Single_Server_logins_are_named_and_user_names_longer_than_MySql_allows_are_refused()
    {
        var app = new Account(new AccountName("app", "%"), false);
        var longName = new Account(new AccountName(new string('u', 33), "%"), false);

        var note = Assert.Single(Translator(MySql57, Flexible(), singleServer: "mysingle").Translate(app, _ => false).Notes);
        Assert.Contains("'app@mysingle'", note.Message, StringComparison.Ordinal);
        Assert.Contains(Translator(MariaDb1011, Flexible()).Translate(longName, _ => false).Notes, n => n.Code == "name-too-long");
    }

    [Fact]
    public void Grants_on_objects_the_target_will_not_have_are_left_out_with_a_note()
    {
        var account = new Account(new AccountName("app", "%"), false)
        {
            Grants = [Grant(Table("other", "t"), "SELECT"), Grant(Db("other"), "SELECT")],
        };
        var translated = new AccountTranslator(MySql80, Flexible(), on => on.Database != "other").Translate(account, _ => false);

        Assert.Equal([Db("other")], translated.Target.Grants.Select(g => g.On));
        Assert.Contains(translated.Notes, n => n.Code == "grant-object-missing");
    }
}
