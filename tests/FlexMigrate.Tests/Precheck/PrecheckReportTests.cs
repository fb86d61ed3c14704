using System.Text.Json;
using FlexMigrate.Core.Precheck;

namespace FlexMigrate.Tests.Precheck;

public class PrecheckReportTests
{
    private static readonly PrecheckReport Report = new(PrecheckMode.Online, "10.11.6-MariaDB", "8.0.36",
        [
            new PrecheckFinding("online.binlog-format", PrecheckSeverity.Error, "source src:3306", "binlog_format is MIXED, not ROW.", "why", "SET GLOBAL binlog_format = 'ROW';"),
            new PrecheckFinding("capacity.estimate", PrecheckSeverity.Info, "source databases", "1 tables", "why", "None needed."),
        ],
        PrecheckCapacity.Empty(CopyRate.Default, null), 0.5);

    [Fact]
    public void Json_has_a_findings_array_with_the_documented_fields()
    {
        using var doc = JsonDocument.Parse(PrecheckJson.Serialize(Report));

        var first = doc.RootElement.GetProperty("findings")[0];
        Assert.Equal(["rule", "severity", "object", "message", "why", "remedy"], first.EnumerateObject().Select(p => p.Name));
        Assert.Equal("error", first.GetProperty("severity").GetString());
        Assert.Equal("online", doc.RootElement.GetProperty("mode").GetString());
        Assert.True(doc.RootElement.GetProperty("hasErrors").GetBoolean());
    }

    [Fact]
    public void Round_trips_through_json_including_default_serializer_options()
    {
        var back = PrecheckJson.Deserialize(PrecheckJson.Serialize(Report));
        var plain = JsonSerializer.Deserialize<PrecheckReport>(JsonSerializer.Serialize(Report))!;

        Assert.Equal(Report.Findings, back.Findings);
        Assert.Equal(Report.Findings, plain.Findings);
        Assert.Equal(Report.Capacity.CopyRate, plain.Capacity.CopyRate);
        Assert.True(plain.HasErrors);
    }

    [Fact]
    public void Text_report_groups_by_severity_and_ends_with_the_verdict()
    {
        var text = PrecheckReportFormatter.Format(Report);

        Assert.True(text.IndexOf("ERRORS", StringComparison.Ordinal) < text.IndexOf("INFO", StringComparison.Ordinal));
        Assert.Contains("  [online.binlog-format] source src:3306\n      binlog_format is MIXED, not ROW.\n", text, StringComparison.Ordinal);
        Assert.Contains("      Fix: SET GLOBAL binlog_format = 'ROW';\n", text, StringComparison.Ordinal);
        Assert.EndsWith("Result: BLOCKED by 1 errors. Fix them and run the precheck again.\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Copy_estimate_is_bounded_by_the_slower_of_rows_and_bytes()
    {
        var rate = new CopyRate(100_000, 10 * 1024 * 1024);

        Assert.Equal(10, rate.EstimateSeconds(1_000_000, 1024));
        Assert.Equal(100, rate.EstimateSeconds(10, 1000L * 1024 * 1024));
    }
}
