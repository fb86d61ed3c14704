using FlexMigrate.Core.Precheck;
using FlexMigrate.Core.Precheck.Rules.Online;
using static FlexMigrate.Tests.Precheck.Facts;

namespace FlexMigrate.Tests.Precheck;

public class OnlineRuleTests
{
    private static readonly ServerFacts Target = Server("target", "8.0.36");

    [Theory]
    [InlineData("604800", "0", 604800.0)]
    [InlineData("0", "7.000000", 604800.0)]
    [InlineData("0", "0", null)]
    public void Retention_prefers_seconds_then_days_and_none_means_never(string seconds, string days, double? expected)
    {
        var source = Server("source", "8.0.36", new() { ["binlog_expire_logs_seconds"] = seconds, ["expire_logs_days"] = days });

        Assert.Equal(expected, BinlogRetentionRule.RetentionSeconds(source, out _));
    }

    [Theory]
    [InlineData(3000, PrecheckSeverity.Error)]
    [InlineData(80_000, PrecheckSeverity.Warning)]
    [InlineData(200_000, PrecheckSeverity.Info)]
    public async Task Retention_against_the_copy_estimate(double retentionSeconds, PrecheckSeverity expected)
    {
        var source = Server("source", "8.0.36", new() { ["binlog_expire_logs_seconds"] = retentionSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        var findings = await EvaluateAsync(new BinlogRetentionRule(), Context(source, Target, SchemaOf(Table("app", "t")), PrecheckMode.Online, copySeconds: 1000));

        var finding = Assert.Single(findings);
        Assert.Equal(("online.binlog-retention", expected, "source src:3306"), (finding.Rule, finding.Severity, finding.Object));
        Assert.Contains("the copy is estimated at 16.7 min", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Partial_json_value_option_is_an_error_online_and_ignored_offline()
    {
        var source = Server("source", "8.0.36", new() { ["binlog_row_value_options"] = "PARTIAL_JSON" });
        var schema = SchemaOf(Table("app", "t"));

        var online = await EvaluateAsync(new BinlogRowValueOptionsRule(), Context(source, Target, schema, PrecheckMode.Online));
        var offline = await EvaluateAsync(new BinlogRowValueOptionsRule(), Context(source, Target, schema));

        Assert.Equal("online.binlog-row-value-options", Assert.Single(online).Rule);
        Assert.Empty(offline);
    }
}
