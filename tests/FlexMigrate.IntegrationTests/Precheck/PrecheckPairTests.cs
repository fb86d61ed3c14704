using System.Text.Json;
using FlexMigrate.Cli;
using FlexMigrate.Cli.Commands;
using FlexMigrate.Core.Precheck;
using FlexMigrate.IntegrationTests.Infrastructure;
using static FlexMigrate.IntegrationTests.Precheck.PrecheckTestKit;

namespace FlexMigrate.IntegrationTests.Precheck;

/// <summary>
/// Precheck against the shared source/target pair. These tests only create their own databases and users
/// (fm_precheck_*) and never change server variables, so they can run in parallel with everything else.
/// </summary>
public class PrecheckPairTests
{
    private static readonly string SourceLabel = Label("source", ServerPair.SourceConnectionString);
    private static readonly string TargetLabel = Label("target", ServerPair.TargetConnectionString);

    [Fact]
    public async Task Clean_pair_has_no_errors_in_either_mode()
    {
        await ServerPair.ResetDatabasesAsync("fm_precheck_clean");
        await ServerPair.ExecSourceAsync("""
            CREATE DATABASE fm_precheck_clean;
            CREATE TABLE fm_precheck_clean.orders (id INT PRIMARY KEY, placed DATE NOT NULL, note TEXT);
            CREATE TABLE fm_precheck_clean.codes (code CHAR(3) NOT NULL, UNIQUE KEY (code));
            INSERT INTO fm_precheck_clean.orders VALUES (1, '2024-01-31', 'a'), (2, '2024-02-29', NULL);
            CREATE DEFINER = root@localhost VIEW fm_precheck_clean.recent AS SELECT id FROM fm_precheck_clean.orders;
            """);

        foreach (var mode in new[] { PrecheckMode.Offline, PrecheckMode.Online })
        {
            var report = await RunOnPairAsync(mode, "fm_precheck_clean");

            Assert.False(report.HasErrors, Describe(report));
            Assert.Equal(mode, report.Mode);
            Single(report, "capacity.estimate", "source databases", PrecheckSeverity.Info);
            Assert.Equal(2, report.Capacity.TotalTables);
            Assert.Equal(["fm_precheck_clean"], report.Capacity.Databases.Select(d => d.Database));
        }

        var online = await RunOnPairAsync(PrecheckMode.Online, "fm_precheck_clean");
        Assert.Contains("binlog_expire_logs_seconds=604800", Single(online, "online.binlog-retention", SourceLabel, PrecheckSeverity.Info).Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Table_without_a_usable_key_is_an_error_online_and_a_warning_offline()
    {
        await ServerPair.ResetDatabasesAsync("fm_precheck_nokey");
        await ServerPair.ExecSourceAsync("""
            CREATE DATABASE fm_precheck_nokey;
            CREATE TABLE fm_precheck_nokey.heap (a INT, b INT NULL, UNIQUE KEY (b));
            CREATE TABLE fm_precheck_nokey.keyed_by_unique (a INT NOT NULL, UNIQUE KEY (a));
            """);

        var online = await RunOnPairAsync(PrecheckMode.Online, "fm_precheck_nokey");
        var offline = await RunOnPairAsync(PrecheckMode.Offline, "fm_precheck_nokey");

        Single(online, "online.primary-key", "fm_precheck_nokey.heap", PrecheckSeverity.Error);
        Single(offline, "online.primary-key", "fm_precheck_nokey.heap", PrecheckSeverity.Warning);
        Assert.Single(online.Findings, f => f.Rule == "online.primary-key");
        Assert.False(offline.HasErrors, Describe(offline));
    }

    [Fact]
    public async Task MyISAM_table_is_reported_as_converted_to_InnoDB()
    {
        await ServerPair.ResetDatabasesAsync("fm_precheck_engine");
        await ServerPair.ExecSourceAsync("""
            CREATE DATABASE fm_precheck_engine;
            CREATE TABLE fm_precheck_engine.legacy (id INT PRIMARY KEY) ENGINE = MyISAM;
            CREATE TABLE fm_precheck_engine.modern (id INT PRIMARY KEY) ENGINE = InnoDB;
            """);

        var report = await RunOnPairAsync(PrecheckMode.Offline, "fm_precheck_engine");

        var finding = Single(report, "compat.engine", "fm_precheck_engine.legacy", PrecheckSeverity.Warning);
        Assert.Contains("MyISAM", finding.Message, StringComparison.Ordinal);
        Assert.Single(report.Findings, f => f.Rule == "compat.engine");
    }

    [Fact]
    public async Task Definer_missing_on_the_target_is_an_error_per_object()
    {
        await ServerPair.ResetDatabasesAsync("fm_precheck_definer");
        await ServerPair.ExecTargetAsync("DROP USER IF EXISTS fm_precheck_definer@'%'");
        await ServerPair.ExecSourceAsync("""
            CREATE USER IF NOT EXISTS fm_precheck_definer@'%';
            CREATE DATABASE fm_precheck_definer;
            CREATE TABLE fm_precheck_definer.t (id INT PRIMARY KEY);
            CREATE DEFINER = fm_precheck_definer@'%' VIEW fm_precheck_definer.v AS SELECT id FROM fm_precheck_definer.t;
            CREATE DEFINER = fm_precheck_definer@'%' PROCEDURE fm_precheck_definer.p() SELECT COUNT(*) FROM fm_precheck_definer.t;
            """);

        var report = await RunOnPairAsync(PrecheckMode.Offline, "fm_precheck_definer");

        var view = Single(report, "compat.definer-missing", "fm_precheck_definer.v", PrecheckSeverity.Error);
        Single(report, "compat.definer-missing", "fm_precheck_definer.p", PrecheckSeverity.Error);
        Assert.Contains("CREATE USER `fm_precheck_definer`@`%`", view.Remedy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restricted_user_lacks_the_privileges_the_migration_needs()
    {
        await ServerPair.ResetDatabasesAsync("fm_precheck_priv");
        await ServerPair.ExecSourceAsync("""
            DROP USER IF EXISTS fm_precheck_ro@'%';
            CREATE USER fm_precheck_ro@'%' IDENTIFIED BY 'fm-precheck-secret';
            CREATE DATABASE fm_precheck_priv;
            CREATE TABLE fm_precheck_priv.t (id INT PRIMARY KEY);
            CREATE PROCEDURE fm_precheck_priv.p() SELECT 1;
            GRANT SELECT ON fm_precheck_priv.* TO fm_precheck_ro@'%';
            """);
        var restricted = "Server=127.0.0.1;Port=" + new MySqlConnector.MySqlConnectionStringBuilder(ServerPair.SourceConnectionString).Port +
                         ";User ID=fm_precheck_ro;Password=fm-precheck-secret";

        var report = await RunAsync(restricted, ServerPair.TargetConnectionString, PrecheckMode.Online, "fm_precheck_priv");

        var perDb = Single(report, "privileges.source", "fm_precheck_priv", PrecheckSeverity.Error);
        Assert.Contains("lacks SHOW VIEW, TRIGGER, EVENT on `fm_precheck_priv`", perDb.Message, StringComparison.Ordinal);
        Assert.Equal("On the source: GRANT SHOW VIEW, TRIGGER, EVENT ON `fm_precheck_priv`.* TO `fm_precheck_ro`@`%`;", perDb.Remedy);
        var replication = Single(report, "privileges.replication", Label("source", restricted), PrecheckSeverity.Error);
        Assert.Contains("REPLICATION SLAVE, REPLICATION CLIENT", replication.Message, StringComparison.Ordinal);
        // MariaDB hides the routine p of another definer entirely from this user; the grants say it may be hidden.
        Single(report, "privileges.routine-visibility", "fm_precheck_priv", PrecheckSeverity.Warning);
        Assert.DoesNotContain("fm-precheck-secret", PrecheckJson.Serialize(report), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_target_is_an_error_naming_it_and_source_rules_still_run()
    {
        await ServerPair.ResetDatabasesAsync("fm_precheck_unreach");
        await ServerPair.ExecSourceAsync("CREATE DATABASE fm_precheck_unreach; CREATE TABLE fm_precheck_unreach.t (a INT);");
        const string nowhere = "Server=127.0.0.1;Port=1;User ID=root;Connection Timeout=3";

        var report = await RunAsync(ServerPair.SourceConnectionString, nowhere, PrecheckMode.Online, "fm_precheck_unreach");

        Single(report, "connectivity.reachable", "target 127.0.0.1:1", PrecheckSeverity.Error);
        Single(report, "connectivity.rules-skipped", "precheck", PrecheckSeverity.Info);
        Single(report, "online.primary-key", "fm_precheck_unreach.t", PrecheckSeverity.Error);
        Assert.Null(report.TargetVersion);
        Assert.NotNull(report.SourceVersion);
    }

    [Fact]
    public async Task Wrong_password_is_a_login_error_without_the_password_in_the_report()
    {
        var wrong = ServerPair.TargetConnectionString + ";Password=fm-precheck-wrong-password";

        var report = await RunAsync(ServerPair.SourceConnectionString, wrong, PrecheckMode.Offline, "fm_precheck_unreach");

        var login = Single(report, "connectivity.login", TargetLabel, PrecheckSeverity.Error);
        Assert.Contains("refused user 'root'", login.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("fm-precheck-wrong-password", PrecheckJson.Serialize(report), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tables_already_on_the_target_are_errors()
    {
        await ServerPair.ResetDatabasesAsync("fm_precheck_exists");
        await ServerPair.ExecSourceAsync("""
            CREATE DATABASE fm_precheck_exists;
            CREATE TABLE fm_precheck_exists.t1 (id INT PRIMARY KEY);
            CREATE TABLE fm_precheck_exists.t2 (id INT PRIMARY KEY);
            """);
        await ServerPair.ExecTargetAsync("CREATE DATABASE fm_precheck_exists; CREATE TABLE fm_precheck_exists.t1 (id INT PRIMARY KEY);");

        var report = await RunOnPairAsync(PrecheckMode.Offline, "fm_precheck_exists");

        Single(report, "compat.table-exists", "fm_precheck_exists.t1", PrecheckSeverity.Error);
        Assert.Single(report.Findings, f => f.Rule == "compat.table-exists");
    }

    [Fact]
    public async Task Cli_exits_3_on_errors_0_when_clean_and_writes_the_json_findings()
    {
        await ServerPair.ResetDatabasesAsync("fm_precheck_cli");
        await ServerPair.ExecSourceAsync("""
            CREATE DATABASE fm_precheck_cli;
            CREATE TABLE fm_precheck_cli.heap (a INT);
            """);
        var json = Path.Combine(Path.GetTempPath(), $"fm-precheck-{Guid.NewGuid():N}.json");
        try
        {
            var blocked = await RunCliAsync("--databases", "fm_precheck_cli", "--mode", "online", "--json", json);
            var clean = await RunCliAsync("--databases", "fm_precheck_cli", "--mode", "offline");

            Assert.Equal(ExitCodes.PrecheckBlocked, blocked.Exit);
            Assert.Contains("ERRORS (block the migration)", blocked.Out, StringComparison.Ordinal);
            Assert.Equal(ExitCodes.Success, clean.Exit);
            using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(json));
            var finding = doc.RootElement.GetProperty("findings").EnumerateArray()
                .Single(f => f.GetProperty("rule").GetString() == "online.primary-key");
            Assert.Equal("error", finding.GetProperty("severity").GetString());
            Assert.Equal("fm_precheck_cli.heap", finding.GetProperty("object").GetString());
            Assert.False(string.IsNullOrEmpty(finding.GetProperty("message").GetString()));
            Assert.False(string.IsNullOrEmpty(finding.GetProperty("remedy").GetString()));
            Assert.True(doc.RootElement.GetProperty("hasErrors").GetBoolean());
        }
        finally
        {
            File.Delete(json);
        }
    }

    private static async Task<(int Exit, string Out)> RunCliAsync(params string[] extra)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        string[] args = ["precheck", "--source", ServerPair.SourceConnectionString, "--target", ServerPair.TargetConnectionString, .. extra];
        var exit = await CliApplication.RunAsync(args, new CommandConsole(output, error, false));
        return (exit, output.ToString() + error);
    }
}
