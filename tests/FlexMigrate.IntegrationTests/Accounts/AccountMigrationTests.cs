using System.Text.RegularExpressions;
using FlexMigrate.Core.Accounts;
using FlexMigrate.Core.Schema;
using FlexMigrate.IntegrationTests.Infrastructure;
using FlexMigrate.Orchestration.Contracts;
using MySqlConnector;
using static FlexMigrate.IntegrationTests.Accounts.AccountMatrix;

namespace FlexMigrate.IntegrationTests.Accounts;

/// <summary>
/// Issue 15's matrix on the real pair: 69 accounts and roles migrated by the offline orchestration to a target whose
/// login has only Azure Flexible Server's admin privileges. Afterwards every account logs in to the target with its
/// original password and runs a permitted and a forbidden statement with the same result as on the source; SHOW
/// GRANTS and SHOW CREATE USER are equal except for the documented translations, written out here on their own.
/// </summary>
public sealed class AccountMigrationTests : IAsyncLifetime
{
    private const string Admin = "fmt_flexadmin";
    private const string AdminPassword = "Flex-admin-pw1";

    /// <summary>MariaDB's global and database privilege lists as SHOW GRANTS prints them for what the admin may grant.</summary>
    private const string AdminGlobal = "SELECT, INSERT, UPDATE, DELETE, CREATE, DROP, RELOAD, PROCESS, REFERENCES, INDEX, ALTER, SHOW DATABASES, " +
        "CREATE TEMPORARY TABLES, LOCK TABLES, EXECUTE, REPLICATION SLAVE, BINLOG MONITOR, CREATE VIEW, SHOW VIEW, CREATE ROUTINE, ALTER ROUTINE, CREATE USER, EVENT, TRIGGER";

    private const string AdminDatabase = "SELECT, INSERT, UPDATE, DELETE, CREATE, DROP, REFERENCES, INDEX, ALTER, CREATE TEMPORARY TABLES, LOCK TABLES, " +
        "EXECUTE, CREATE VIEW, SHOW VIEW, CREATE ROUTINE, ALTER ROUTINE, EVENT, TRIGGER";

    /// <summary>The documented translations (docs/users.md) for this target, per account: source line -> target line (null: not written).</summary>
    private static readonly Dictionary<string, Func<string, string?>> Translations = new(StringComparer.Ordinal)
    {
        ["`fmu_super`@`%`"] = l => Without(l, "SUPER"),
        ["`fmu_file`@`%`"] = l => Without(l, "FILE"),
        ["`fmu_shutdown`@`%`"] = l => Without(l, "SHUTDOWN"),
        ["`fmu_tblspace`@`%`"] = l => Without(l, "CREATE TABLESPACE"),
        ["`fmu_dh`@`%`"] = l => Without(l, "DELETE HISTORY"),
        ["`fmu_slave_mon`@`%`"] = l => Without(l, "SLAVE MONITOR"),
        ["`fmu_conn_admin`@`%`"] = l => Without(l, "CONNECTION ADMIN"),
        ["`fmu_all_db`@`%`"] = l => l.Replace($"GRANT ALL PRIVILEGES ON `{App}`.*", $"GRANT {AdminDatabase} ON `{App}`.*", StringComparison.Ordinal),
        ["`fmu_all_opt`@`%`"] = l => l.Replace($"GRANT ALL PRIVILEGES ON `{App2}`.*", $"GRANT {AdminDatabase} ON `{App2}`.*", StringComparison.Ordinal),
        ["`fmu_all_global`@`%`"] = l => l.Replace("GRANT ALL PRIVILEGES ON *.*", $"GRANT {AdminGlobal} ON *.*", StringComparison.Ordinal),
        ["`fmu_other_tbl`@`%`"] = l => l.Contains($"ON `{Other}`.`t`", StringComparison.Ordinal) ? null : l,
        ["`fmu_multi`@`%`"] = l => Regex.Replace(l, "IDENTIFIED VIA mysql_native_password USING ('[^']*') OR ed25519 USING '[^']*'", "IDENTIFIED BY PASSWORD $1"),
    };

    public async Task InitializeAsync() => await CleanUpAsync();

    public async Task DisposeAsync() => await CleanUpAsync();

    [Fact]
    public async Task Every_account_logs_in_to_the_target_with_its_password_and_can_do_exactly_what_it_could()
    {
        await AccountTestKit.InstallEd25519OnSourceAsync();
        await ServerPair.ExecSourceAsync(Objects);
        await ServerPair.ExecSourceAsync(CreateAccounts);
        var catalog = await AccountTestKit.FlexibleTargetAsync(Admin, AdminPassword);
        var request = InProcessMigration.Request([App, App2], new MigrationOptions(Parallelism: 2)) with { Users = new UserMigrationOptions(["fmu%"]) };

        var meta = await InProcessMigration.RunAsync(request, timeout: TimeSpan.FromMinutes(5), catalog: catalog);

        var report = InProcessMigration.ReportOf(meta);
        var accounts = report.Validation?.Accounts;
        Assert.True(report.Outcome == MigrationOutcome.Succeeded,
            $"{report.Outcome}: {string.Join(" | ", accounts?.Differences.Select(d => $"{d.Account} {d.Kind} {d.Detail}") ?? [])} "
            + string.Join(" | ", report.Notes.Where(n => n.Severity == NoteSeverity.Error).Select(n => $"{n.Object}: {n.Message}")));
        var accountNames = Probes.Select(p => p.Account).Distinct().ToList();
        Assert.True(accountNames.Count + Roles.Count >= 50);
        Assert.Equal(accountNames.Count + Roles.Count, accounts!.Compared);
        Assert.Contains(report.Notes, n => n.Object == "users" && n.Message.StartsWith($"{accountNames.Count + Roles.Count} accounts and roles migrated: {accountNames.Count + Roles.Count} created", StringComparison.Ordinal));
        AssertNote(report, "'fmu_super'@'%'", "SUPER (the target login 'fmt_flexadmin'@'%' does not hold them WITH GRANT OPTION)");
        AssertNote(report, "'fmu_multi'@'%'", "Login method ed25519 left out");
        AssertNote(report, "'fmu_other_tbl'@'%'", "Privileges on `fmu_other`.`t` not written");
        AssertNote(report, "'fmu_nopass'@'%'", "Has no password on the source");

        foreach (var account in accountNames.Concat(Roles))
        {
            var source = await AccountTestKit.GrantsAsync(ServerPair.SourceConnectionString, account);
            var target = await AccountTestKit.GrantsAsync(ServerPair.TargetConnectionString, account);
            Assert.Equal(Expected(account, source), target);
            if (!Roles.Contains(account))
            {
                Assert.Equal(Expected(account, await AccountTestKit.CreateUserAsync(ServerPair.SourceConnectionString, account)),
                    await AccountTestKit.CreateUserAsync(ServerPair.TargetConnectionString, account));
            }
        }

        foreach (var probe in Probes)
        {
            foreach (var sql in new[] { probe.Permitted, probe.Forbidden })
            {
                var onSource = await AccountTestKit.OutcomeAsync(ServerPair.SourceConnectionString, probe.User, probe.Password, sql);
                var onTarget = await AccountTestKit.OutcomeAsync(ServerPair.TargetConnectionString, probe.User, probe.Password, sql);
                Assert.True(onSource == onTarget, $"{probe.Account} `{sql}`: source {onSource}, target {onTarget}");
                Assert.True(sql != probe.Forbidden || onSource != "ok", $"{probe.Account} may run its forbidden `{sql}`");
            }
        }

        // The probes above really distinguish: these accounts log in and run their permitted statement.
        foreach (var user in new[] { "fmu_ro", "fmu_col", "fmu_exec", "fmu_role_def", "fmu_role_nested", "fmu_multi", "fmu_nopass", "fmu_pw_special", "fmu_hash", "fmu_ünï", "fmu_wild_esc" })
        {
            var probe = Probes.First(p => p.User == user);
            Assert.Equal("ok", await AccountTestKit.OutcomeAsync(ServerPair.TargetConnectionString, probe.User, probe.Password, probe.Permitted));
        }

        Assert.Equal("login error 4151", await AccountTestKit.OutcomeAsync(ServerPair.TargetConnectionString, "fmu_locked", "Pw-lk", null));
        Assert.Equal("login error 1045", await AccountTestKit.OutcomeAsync(ServerPair.TargetConnectionString, "fmu_ro", "wrong password", null));

        // What the stripped privilege allowed on the source is refused on the target, as documented.
        const string SetGlobal = "SET GLOBAL max_connect_errors = @@GLOBAL.max_connect_errors";
        Assert.Equal("ok", await AccountTestKit.OutcomeAsync(ServerPair.SourceConnectionString, "fmu_super", "Pw-su", SetGlobal));
        Assert.Equal("error 1227", await AccountTestKit.OutcomeAsync(ServerPair.TargetConnectionString, "fmu_super", "Pw-su", SetGlobal));

        // MAX_USER_CONNECTIONS 1 holds on both: a second session is refused (1226 ER_USER_LIMIT_REACHED).
        foreach (var server in new[] { ServerPair.SourceConnectionString, ServerPair.TargetConnectionString })
        {
            await using var first = new MySqlConnection(AccountTestKit.As(server, "fmu_lim_conn", "Pw-lc"));
            await first.OpenAsync();
            Assert.Equal("login error 1226", await AccountTestKit.OutcomeAsync(server, "fmu_lim_conn", "Pw-lc", null));
        }

        // Running it again finds nothing to do.
        var again = await new AccountMigrator(ServerPair.SourceConnectionString, catalog.Resolve(InProcessMigration.Target))
            .SyncAsync(new AccountPlanOptions(AccountSelection.Parse(["fmu%"]), RefuseExisting: false, [App, App2]));
        Assert.Equal((0, 0, 0), (again.Statements, again.Created, again.Failed));

        // No hash or password reached the durable history, the status or the report.
        var everything = string.Join("\n", meta.SerializedInput, meta.SerializedOutput, meta.SerializedCustomStatus);
        var hashes = await AccountTestKit.ListAsync(ServerPair.SourceConnectionString,
            "SELECT JSON_VALUE(Priv, '$.authentication_string') FROM mysql.global_priv WHERE User LIKE 'fmu%' AND JSON_VALUE(Priv, '$.authentication_string') <> ''");
        Assert.NotEmpty(hashes);
        foreach (var secret in hashes.Concat(Probes.Select(p => p.Password).Where(p => p.Length > 0)))
        {
            Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        }
    }

    private static List<string> Expected(string account, List<string> source) =>
        Translations.TryGetValue(account, out var translate)
            ? [.. source.Select(translate).OfType<string>().Order(StringComparer.Ordinal)]
            : source;

    // "GRANT A, B, C ON ..." without B; USAGE when nothing is left.
    private static string Without(string line, string privilege)
    {
        var on = line.IndexOf(" ON ", StringComparison.Ordinal);
        if (!line.StartsWith("GRANT ", StringComparison.Ordinal) || on < 0)
        {
            return line;
        }

        var privileges = line[6..on].Split(", ").Where(p => p != privilege).ToList();
        return $"GRANT {(privileges.Count == 0 ? "USAGE" : string.Join(", ", privileges))}{line[on..]}";
    }

    private static void AssertNote(MigrationReport report, string account, string text) =>
        Assert.True(report.Notes.Any(n => n.Object == "account account " + account || (n.Object.EndsWith(account, StringComparison.Ordinal) && n.Message.Contains(text, StringComparison.Ordinal))),
            $"no note on {account} saying '{text}': " + string.Join(" | ", report.Notes.Where(n => n.Object.EndsWith(account, StringComparison.Ordinal)).Select(n => n.Message)));

    private static async Task CleanUpAsync()
    {
        await AccountTestKit.DropAccountsAsync(Prefix);
        await AccountTestKit.DropAccountsAsync("fmt_");
        await ServerPair.ResetDatabasesAsync(App, App2, Other);
    }
}
