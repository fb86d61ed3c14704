using System.Text.Json;
using FlexMigrate.Cli;
using FlexMigrate.Cli.Commands;
using FlexMigrate.Core.Precheck;
using FlexMigrate.IntegrationTests.Infrastructure;

namespace FlexMigrate.IntegrationTests.Accounts;

/// <summary>
/// `flexmigrate users` (dry run with masked hashes, apply, refuse or replace existing accounts), the accounts part of
/// `flexmigrate validate` and `precheck`, and `migrate --users` blocked by an account the target cannot take.
/// </summary>
public sealed class UsersCommandTests : IAsyncLifetime
{
    private const string Db = "fmc_db";

    public async Task InitializeAsync()
    {
        await CleanUpAsync();
        await AccountTestKit.InstallEd25519OnSourceAsync();
        await ServerPair.ExecSourceAsync($"""
            CREATE DATABASE {Db}; CREATE TABLE {Db}.t (id INT PRIMARY KEY); INSERT INTO {Db}.t VALUES (1);
            CREATE USER fmc_app@'%' IDENTIFIED BY 'Pw-app' WITH MAX_USER_CONNECTIONS 7; GRANT SELECT ON {Db}.* TO fmc_app@'%';
            CREATE ROLE fmc_role; GRANT INSERT ON {Db}.* TO fmc_role; GRANT fmc_role TO fmc_app@'%';
            CREATE USER fmc_ed@'%' IDENTIFIED VIA ed25519 USING PASSWORD('Pw-ed');
            """);
        await ServerPair.ExecTargetAsync($"CREATE DATABASE {Db}; CREATE TABLE {Db}.t (id INT PRIMARY KEY); INSERT INTO {Db}.t VALUES (1);");
    }

    public async Task DisposeAsync() => await CleanUpAsync();

    [Fact]
    public async Task Dry_run_masks_hashes_unless_asked_apply_migrates_and_existing_accounts_need_replace_users()
    {
        var hash = (await AccountTestKit.ListAsync(ServerPair.SourceConnectionString, "SELECT authentication_string FROM mysql.user WHERE User = 'fmc_app'")).Single();

        var dryRun = await RunAsync("users", [.. Servers, "--users", "fmc_app", "--databases", Db, "--dry-run"]);
        Assert.True(dryRun.Exit == ExitCodes.Success, dryRun.Out + dryRun.Error);
        Assert.Contains("CREATE USER IF NOT EXISTS `fmc_app`@`%` IDENTIFIED BY PASSWORD '<hash>' WITH MAX_USER_CONNECTIONS 7;", dryRun.Out, StringComparison.Ordinal);
        Assert.Contains("CREATE ROLE IF NOT EXISTS `fmc_role`;", dryRun.Out, StringComparison.Ordinal);
        Assert.Contains("Migrated too because it is granted to 'fmc_app'@'%'", dryRun.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(hash, dryRun.Out + dryRun.Error, StringComparison.Ordinal);
        var secrets = await RunAsync("users", [.. Servers, "--users", "fmc_app", "--dry-run", "--show-secrets"]);
        Assert.Contains($"IDENTIFIED BY PASSWORD '{hash}'", secrets.Out, StringComparison.Ordinal);
        Assert.Empty(await AccountTestKit.ListAsync(ServerPair.TargetConnectionString, "SELECT User FROM mysql.user WHERE User LIKE 'fmc%'"));

        var apply = await RunAsync("users", [.. Servers, "--users", "fmc_app", "--databases", Db]);
        Assert.True(apply.Exit == ExitCodes.Success, apply.Out + apply.Error);
        Assert.Contains("2 accounts: 2 created, 0 updated, 0 failed", apply.Out, StringComparison.Ordinal);
        Assert.Contains("Accounts EQUAL", apply.Out, StringComparison.Ordinal);
        Assert.Equal("ok", await AccountTestKit.OutcomeAsync(ServerPair.TargetConnectionString, "fmc_app", "Pw-app", $"SELECT * FROM {Db}.t"));

        var again = await RunAsync("users", [.. Servers, "--users", "fmc_app"]);
        Assert.Equal(ExitCodes.PrecheckBlocked, again.Exit);
        Assert.Contains("'fmc_app'@'%' already exists on the target", again.Out, StringComparison.Ordinal);
        Assert.Contains("Add --replace-users", again.Out, StringComparison.Ordinal);

        // The target account drifted (other password, an extra grant): validate names it, --replace-users fixes it.
        await ServerPair.ExecTargetAsync($"SET PASSWORD FOR fmc_app@'%' = PASSWORD('other'); GRANT DELETE ON {Db}.* TO fmc_app@'%';");
        var validate = await RunAsync("validate", [.. Servers, "--databases", Db, "--users", "fmc_app"]);
        Assert.Equal(ExitCodes.Failed, validate.Exit);
        Assert.Contains("'fmc_app'@'%' authentication:", validate.Out, StringComparison.Ordinal);
        Assert.Contains("'fmc_app'@'%' extra-grant: DELETE ON `fmc_db`.*", validate.Out, StringComparison.Ordinal);
        var replace = await RunAsync("users", [.. Servers, "--users", "fmc_app", "--replace-users", "--json"]);
        Assert.True(replace.Exit == ExitCodes.Success, replace.Out + replace.Error);
        using var json = JsonDocument.Parse(replace.Out);
        Assert.Equal(1, json.RootElement.GetProperty("result").GetProperty("changed").GetInt32());
        Assert.True(json.RootElement.GetProperty("comparison").GetProperty("equal").GetBoolean());
        Assert.Equal("ok", await AccountTestKit.OutcomeAsync(ServerPair.TargetConnectionString, "fmc_app", "Pw-app", null));
        Assert.Equal("error 1142", await AccountTestKit.OutcomeAsync(ServerPair.TargetConnectionString, "fmc_app", "Pw-app", $"DELETE FROM {Db}.t WHERE 1 = 0"));
    }

    [Fact]
    public async Task An_account_the_target_cannot_take_blocks_users_precheck_and_migrate_with_its_remedy()
    {
        var users = await RunAsync("users", [.. Servers, "--users", "fmc_ed"]);
        Assert.Equal(ExitCodes.PrecheckBlocked, users.Exit);
        Assert.Contains("ERROR   account 'fmc_ed'@'%': Logs in with ed25519, which the target", users.Out, StringComparison.Ordinal);
        Assert.Contains("Fix: Give 'fmc_ed'@'%' a password login the target supports", users.Out, StringComparison.Ordinal);

        var report = await new PrecheckRunner().RunAsync(new PrecheckRequest(ServerPair.SourceConnectionString, ServerPair.TargetConnectionString, [Db]) { Users = ["fmc%"] });
        var error = Assert.Single(report.Findings, f => f.Severity == PrecheckSeverity.Error && f.Rule.StartsWith("accounts.", StringComparison.Ordinal));
        Assert.Equal(("accounts.plugin-unsupported", "account 'fmc_ed'@'%'"), (error.Rule, error.Object));
        var none = await new PrecheckRunner().RunAsync(new PrecheckRequest(ServerPair.SourceConnectionString, ServerPair.TargetConnectionString, [Db]));
        var hint = Assert.Single(none.Findings, f => f.Rule == "accounts.available");
        Assert.Equal(PrecheckSeverity.Warning, hint.Severity);
        Assert.Contains("'fmc_app'@'%'", hint.Message, StringComparison.Ordinal);
        Assert.Contains("fmc_role", hint.Message, StringComparison.Ordinal);
        // Other tests' accounts with global privileges may be named too (accounts are server-global).
        Assert.StartsWith("Add --users ", hint.Remedy, StringComparison.Ordinal);
        Assert.Contains("fmc_app@%", hint.Remedy, StringComparison.Ordinal);
        Assert.Contains(",fmc_role", hint.Remedy, StringComparison.Ordinal);

        var migrate = await RunAsync("migrate", [.. Servers, "--databases", Db, "--drop-existing", "--users", "fmc_ed,fmc_app"]);
        Assert.True(migrate.Exit == ExitCodes.PrecheckBlocked, migrate.Out + migrate.Error);
        Assert.Contains("accounts.plugin-unsupported", migrate.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_statement_the_target_refuses_names_its_account_and_the_others_of_its_batch_are_written()
    {
        // The target's table lacks column c, so the column grant is refused (1054) in the middle of a batch.
        await ServerPair.ExecSourceAsync($"""
            CREATE TABLE {Db}.w (a INT PRIMARY KEY, b INT, c INT);
            CREATE USER fmc_col@'%' IDENTIFIED BY 'Pw-col'; GRANT SELECT ON {Db}.* TO fmc_col@'%'; GRANT SELECT (c) ON {Db}.w TO fmc_col@'%';
            CREATE USER fmc_ok1@'%' IDENTIFIED BY 'Pw-ok'; GRANT SELECT ON {Db}.w TO fmc_ok1@'%';
            CREATE USER fmc_ok2@'%' IDENTIFIED BY 'Pw-ok'; GRANT INSERT (a, b) ON {Db}.w TO fmc_ok2@'%';
            """);
        await ServerPair.ExecTargetAsync($"CREATE TABLE {Db}.w (a INT PRIMARY KEY, b INT);");
        var migrator = new Core.Accounts.AccountMigrator(ServerPair.SourceConnectionString, ServerPair.TargetConnectionString);
        var options = new Core.Accounts.AccountPlanOptions(Core.Accounts.AccountSelection.Parse(["fmc_col", "fmc_ok%"]), RefuseExisting: true, [Db]);

        var result = await migrator.SyncAsync(options);

        Assert.Equal((3, 3, 1), (result.Accounts, result.Created, result.Failed));
        var refused = Assert.Single(result.Notes, n => n.Code == "target-refused");
        Assert.Equal("'fmc_col'@'%'", refused.Account);
        Assert.StartsWith("The target refused `GRANT SELECT (`c`) ON `fmc_db`.`w` TO `fmc_col`@`%``: error 1054", refused.Message, StringComparison.Ordinal);
        Assert.Equal("ok", await AccountTestKit.OutcomeAsync(ServerPair.TargetConnectionString, "fmc_ok1", "Pw-ok", $"SELECT * FROM {Db}.w"));
        Assert.Equal("ok", await AccountTestKit.OutcomeAsync(ServerPair.TargetConnectionString, "fmc_ok2", "Pw-ok", $"INSERT INTO {Db}.w (a, b) SELECT 1, 1 FROM DUAL WHERE 1 = 0"));
        Assert.Equal("ok", await AccountTestKit.OutcomeAsync(ServerPair.TargetConnectionString, "fmc_col", "Pw-col", $"SELECT a FROM {Db}.w"));
        var comparison = await migrator.CompareAsync(Core.Accounts.AccountSelection.Parse(["fmc_col", "fmc_ok%"]), [Db]);
        Assert.Equal("'fmc_col'@'%' missing-grant SELECT (c) ON `fmc_db`.`w`", string.Join(" | ", comparison.Differences.Select(d => $"{d.Account} {d.Kind} {d.Detail}")));
    }

    private static string[] Servers => ["--source", ServerPair.SourceConnectionString, "--target", ServerPair.TargetConnectionString];

    private static async Task<(int Exit, string Out, string Error)> RunAsync(string command, string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApplication.RunAsync([command, .. args], new CommandConsole(output, error, IsInteractive: false));
        return (exit, output.ToString(), error.ToString());
    }

    private static async Task CleanUpAsync()
    {
        await AccountTestKit.DropAccountsAsync("fmc_");
        await ServerPair.ResetDatabasesAsync(Db);
    }
}
