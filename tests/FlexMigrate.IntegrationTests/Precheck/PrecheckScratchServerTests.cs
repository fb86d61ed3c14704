using FlexMigrate.Core.Precheck;
using FlexMigrate.IntegrationTests.Infrastructure;
using static FlexMigrate.IntegrationTests.Precheck.PrecheckTestKit;

namespace FlexMigrate.IntegrationTests.Precheck;

/// <summary>
/// Sources and targets that break a server-level rule. Global changes happen only on this class's own scratch
/// servers (tests of one class run one after another) and are restored in finally blocks.
/// </summary>
public class PrecheckScratchServerTests(PrecheckScratchServers servers) : IClassFixture<PrecheckScratchServers>
{
    private const string Db = "fm_precheck_scratch";

    [Fact]
    public async Task Binlog_off_is_an_error_online_only()
    {
        var source = servers.NoBinlogLowerCase;
        await CreateKeyedTableAsync(source);

        var online = await RunAsync(source.ConnectionString, ServerPair.TargetConnectionString, PrecheckMode.Online, Db);
        var offline = await RunAsync(source.ConnectionString, ServerPair.TargetConnectionString, PrecheckMode.Offline, Db);

        Single(online, "online.log-bin", Label("source", source.ConnectionString), PrecheckSeverity.Error);
        None(online, "online.binlog-format");
        None(online, "online.binlog-retention");
        None(offline, "online.log-bin");
    }

    [Fact]
    public async Task Statement_binlog_format_is_an_error()
    {
        var finding = await WithGlobalAsync("binlog_format", "'STATEMENT'", "online.binlog-format");

        Assert.Equal("binlog_format is STATEMENT, not ROW.", finding.Message);
        Assert.StartsWith("SET GLOBAL binlog_format = 'ROW';", finding.Remedy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Minimal_row_image_is_an_error()
    {
        var finding = await WithGlobalAsync("binlog_row_image", "'MINIMAL'", "online.binlog-row-image");

        Assert.Equal("binlog_row_image is MINIMAL, not FULL.", finding.Message);
    }

    [Fact]
    public async Task Retention_shorter_than_copy_plus_margin_is_an_error_with_the_estimate()
    {
        var finding = await WithGlobalAsync("binlog_expire_logs_seconds", "600", "online.binlog-retention");

        Assert.StartsWith("Binlogs are kept 10 min (binlog_expire_logs_seconds=600); the copy is estimated at", finding.Message, StringComparison.Ordinal);
        Assert.Contains("SET GLOBAL binlog_expire_logs_seconds = 86400;", finding.Remedy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Zero_dates_against_a_strict_target_are_an_error_with_counts()
    {
        const string db = "fm_precheck_zero";
        await ServerPair.ResetDatabasesAsync(db);
        await ServerPair.ExecSourceAsync($"""
            CREATE DATABASE {db};
            CREATE TABLE {db}.events (id INT PRIMARY KEY, happened DATE, logged DATETIME, fine DATE);
            SET SESSION sql_mode = '';
            INSERT INTO {db}.events VALUES
              (1, '0000-00-00', '2020-00-05 10:00:00', '2020-01-01'),
              (2, '0000-00-00', '0000-00-00 00:00:00', '2020-01-02'),
              (3, '2021-03-04', NULL, NULL);
            """);
        var target = servers.Binlog;
        var before = await ScalarAsync(target, "SELECT @@GLOBAL.sql_mode");
        await target.ExecAsync("SET GLOBAL sql_mode = 'STRICT_TRANS_TABLES,NO_ZERO_DATE,NO_ZERO_IN_DATE,NO_ENGINE_SUBSTITUTION'");
        try
        {
            var report = await RunAsync(ServerPair.SourceConnectionString, target.ConnectionString, PrecheckMode.Offline, db);

            var finding = Single(report, "compat.zero-date", $"{db}.events", PrecheckSeverity.Error);
            Assert.Contains("happened: 2 zero dates; logged: 1 zero dates, 1 with a zero month or day", finding.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("fine:", finding.Message, StringComparison.Ordinal);
        }
        finally
        {
            await target.ExecAsync($"SET GLOBAL sql_mode = '{before}'");
        }

        var relaxed = await RunAsync(ServerPair.SourceConnectionString, target.ConnectionString, PrecheckMode.Offline, db);
        None(relaxed, "compat.zero-date");
    }

    [Fact]
    public async Task Mixed_case_names_with_a_lower_case_target_are_reported()
    {
        const string db = "fm_precheck_case";
        await ServerPair.ResetDatabasesAsync(db);
        await ServerPair.ExecSourceAsync($"""
            CREATE DATABASE {db};
            CREATE TABLE {db}.Customers (id INT PRIMARY KEY);
            CREATE TABLE {db}.Orders (id INT PRIMARY KEY);
            CREATE TABLE {db}.orders (id INT PRIMARY KEY);
            CREATE TABLE {db}.plain (id INT PRIMARY KEY);
            """);

        var report = await RunAsync(ServerPair.SourceConnectionString, servers.NoBinlogLowerCase.ConnectionString, PrecheckMode.Offline, db);

        var mixed = Single(report, "compat.lower-case-table-names", $"{db}.Customers", PrecheckSeverity.Warning);
        Assert.Contains($"stores it as {db}.customers", mixed.Message, StringComparison.Ordinal);
        Single(report, "compat.lower-case-table-names", $"{db}.Orders", PrecheckSeverity.Warning);
        Single(report, "compat.lower-case-table-names-collision", $"{db}.orders", PrecheckSeverity.Error);
        Assert.Equal(2, report.Findings.Count(f => f.Rule == "compat.lower-case-table-names"));
    }

    /// <summary>Sets a global on the binlog scratch source, runs an online precheck, restores it, returns the finding.</summary>
    private async Task<PrecheckFinding> WithGlobalAsync(string variable, string value, string rule)
    {
        var source = servers.Binlog;
        await CreateKeyedTableAsync(source);
        var before = await ScalarAsync(source, $"SELECT @@GLOBAL.{variable}");
        await source.ExecAsync($"SET GLOBAL {variable} = {value}");
        try
        {
            var report = await RunAsync(source.ConnectionString, ServerPair.TargetConnectionString, PrecheckMode.Online, Db);
            return Single(report, rule, Label("source", source.ConnectionString), PrecheckSeverity.Error);
        }
        finally
        {
            var literal = long.TryParse(before, out _) ? before : $"'{before}'";
            await source.ExecAsync($"SET GLOBAL {variable} = {literal}");
        }
    }

    private static Task CreateKeyedTableAsync(ScratchServer server) =>
        server.ExecAsync($"CREATE DATABASE IF NOT EXISTS {Db}; CREATE TABLE IF NOT EXISTS {Db}.t (id INT PRIMARY KEY)");

    private static async Task<string> ScalarAsync(ScratchServer server, string sql) =>
        Convert.ToString(await ServerPair.ScalarAsync(server.ConnectionString, sql), System.Globalization.CultureInfo.InvariantCulture) ?? "";
}
