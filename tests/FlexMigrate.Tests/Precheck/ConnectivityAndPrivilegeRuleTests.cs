using System.Text.Json;
using FlexMigrate.Core.Precheck;
using FlexMigrate.Core.Precheck.Rules.Connectivity;
using FlexMigrate.Core.Precheck.Rules.Privileges;
using static FlexMigrate.Tests.Precheck.Facts;

namespace FlexMigrate.Tests.Precheck;

public class ConnectivityAndPrivilegeRuleTests
{
    [Theory]
    [InlineData("8.0.36", "5.7.44", "connectivity.version-downgrade", PrecheckSeverity.Error)]
    [InlineData("8.0.36", "8.0.21", "connectivity.version-downgrade", PrecheckSeverity.Warning)]
    [InlineData("10.11.6-MariaDB", "8.0.36", "connectivity.mariadb-to-mysql", PrecheckSeverity.Warning)]
    [InlineData("5.7.44", "10.11.6-MariaDB", "connectivity.mysql-to-mariadb", PrecheckSeverity.Warning)]
    public async Task Version_pairs_that_need_attention(string source, string target, string rule, PrecheckSeverity severity)
    {
        var findings = await EvaluateAsync(new VersionRule(), Context(Server("source", source), Server("target", target), SchemaOf()));

        var finding = Assert.Single(findings, f => f.Rule != "connectivity.versions");
        Assert.Equal((rule, severity, "servers"), (finding.Rule, finding.Severity, finding.Object));
    }

    [Theory]
    [InlineData("5.6.47.0")]
    [InlineData("5.7.44")]
    [InlineData("8.0.36")]
    public async Task Upgrades_within_MySQL_only_report_the_versions(string source)
    {
        var findings = await EvaluateAsync(new VersionRule(), Context(Server("source", source), Server("target", "8.0.36"), SchemaOf()));

        Assert.Equal(["connectivity.versions"], findings.Select(f => f.Rule));
    }

    [Fact]
    public async Task Target_user_with_database_grants_lacking_routines_and_events()
    {
        var target = Server("target", "8.0.36", grants:
        [
            "GRANT USAGE ON *.* TO `loader`@`%`",
            "GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, DROP, INDEX, ALTER, REFERENCES, CREATE VIEW ON `app`.* TO `loader`@`%`",
        ], currentUser: "loader@%");
        var context = Context(Server("source", "8.0.36"), target, SchemaOf(Table("app", "t")), PrecheckMode.Online);

        var finding = Assert.Single(await EvaluateAsync(new TargetPrivilegesRule(), context));

        Assert.Equal(("privileges.target", PrecheckSeverity.Error, "app"), (finding.Rule, finding.Severity, finding.Object));
        Assert.Equal("On the target: GRANT CREATE ROUTINE, TRIGGER, EVENT ON `app`.* TO `loader`@`%`;", finding.Remedy);
    }

    [Fact]
    public async Task TLS_offered_but_unused_is_a_warning_naming_the_server()
    {
        var findings = await EvaluateAsync(new TlsRule(), Context(Server("source", "8.0.36"), Server("target", "8.0.36"), SchemaOf()));

        Assert.Equal(["source src:3306 Warning", "target tgt:3306 Warning"], findings.Select(f => $"{f.Object} {f.Severity}"));
        Assert.Contains("SslMode=Required", findings[0].Remedy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TLS_without_have_ssl_is_judged_by_tls_version_and_disabled_is_a_warning()
    {
        var mysql84 = Server("source", "8.4.3") with { Variables = new Dictionary<string, string> { ["tls_version"] = "TLSv1.2,TLSv1.3" } };
        var disabled = Server("target", "10.11.6-MariaDB", new() { ["have_ssl"] = "DISABLED", ["tls_version"] = "TLSv1.2,TLSv1.3" });

        var findings = await EvaluateAsync(new TlsRule(), Context(mysql84, disabled, SchemaOf()));

        Assert.Equal("The server offers TLS but this connection does not use it.", findings[0].Message);
        Assert.Equal("The server does not offer TLS (have_ssl=DISABLED).", findings[1].Message);
    }

    [Fact]
    public void Request_reads_from_a_camel_case_http_body()
    {
        const string body = """
            {"sourceConnectionString":"Server=a","targetConnectionString":"Server=b","databases":["app"],"mode":"online",
             "excludeTables":["app.tmp_*"],"copyRate":{"rowsPerSecond":1000,"bytesPerSecond":2048},
             "targetServerParameters":{"sql_mode":"STRICT_TRANS_TABLES"},"targetFreeStorageBytes":1073741824}
            """;

        var request = JsonSerializer.Deserialize<PrecheckRequest>(body, JsonSerializerOptions.Web)!;

        Assert.Equal(PrecheckMode.Online, request.Mode);
        Assert.Equal(["app"], request.Databases);
        Assert.Equal(["app.tmp_*"], request.ExcludeTables);
        Assert.Equal(new CopyRate(1000, 2048), request.CopyRate);
        Assert.Equal("STRICT_TRANS_TABLES", request.TargetServerParameters!["sql_mode"]);
        Assert.Equal(1073741824, request.TargetFreeStorageBytes);
        Assert.True(request.ScanData);
    }
}
