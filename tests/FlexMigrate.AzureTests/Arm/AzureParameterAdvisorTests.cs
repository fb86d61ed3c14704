using FlexMigrate.Azure.Arm;

namespace FlexMigrate.AzureTests.Arm;

public sealed class AzureParameterAdvisorTests
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    private static readonly AzureServerInfo Source = Server("fm-source", AzureServerKind.SingleServer, "5.7", new()
    {
        ["log_bin"] = "ON",
        ["binlog_format"] = "ROW",
        ["binlog_expire_logs_seconds"] = "259200",
        ["lower_case_table_names"] = "1",
        ["time_zone"] = "SYSTEM",
        ["sql_mode"] = "STRICT_TRANS_TABLES",
        ["max_allowed_packet"] = "536870912",
    });

    private static readonly AzureServerInfo Target = Server("fm-target", AzureServerKind.FlexibleServer, "8.0.21", new()
    {
        ["lower_case_table_names"] = "1",
        ["time_zone"] = "+00:00",
        ["sql_mode"] = "STRICT_TRANS_TABLES",
        ["max_allowed_packet"] = "1073741824",
    });

    [Fact]
    public void Matching_servers_give_no_findings()
    {
        Assert.Empty(AzureParameterAdvisor.Check(Source, Target, online: true, Day));
    }

    [Fact]
    public void Short_binlog_retention_names_the_parameter_and_the_value_to_set()
    {
        var source = With(Source, "binlog_expire_logs_seconds", "0");

        var finding = Assert.Single(AzureParameterAdvisor.Check(source, Target, online: true, Day));

        Assert.Equal(new AzureFinding(AzureFindingSeverity.Error, "fm-source", "binlog_expire_logs_seconds",
            "Source fm-source keeps binlogs for 0 s (binlog_expire_logs_seconds; 0 purges them early), less than the 86400 s the online " +
            "migration needs to get from the start of the full load to replication. Set it (az mysql server configuration set -g <rg> " +
            "-s fm-source -n binlog_expire_logs_seconds --value 86400) and reset it after cutover."), finding);
        Assert.Empty(AzureParameterAdvisor.Check(source, Target, online: false, Day));
    }

    [Fact]
    public void Binlog_off_or_not_row_blocks_an_online_migration_only()
    {
        var source = With(With(Source, "log_bin", "OFF"), "binlog_format", "MIXED");

        var findings = AzureParameterAdvisor.Check(source, Target, online: true, Day);

        Assert.Equal(["log_bin", "binlog_format"], findings.Select(f => f.Setting));
        Assert.All(findings, f => Assert.Equal(AzureFindingSeverity.Error, f.Severity));
        Assert.Empty(AzureParameterAdvisor.Check(source, Target, online: false, Day));
    }

    [Fact]
    public void Differences_that_change_results_are_reported_with_the_target_fix_errors_first()
    {
        var target = With(With(With(With(Target, "max_allowed_packet", "4194304"), "sql_mode", "STRICT_TRANS_TABLES,ONLY_FULL_GROUP_BY"),
            "time_zone", "Europe/Berlin"), "lower_case_table_names", "0");

        var findings = AzureParameterAdvisor.Check(Source, target, online: false, Day);

        Assert.Equal(
            [(AzureFindingSeverity.Error, "lower_case_table_names"), (AzureFindingSeverity.Warning, "time_zone"),
             (AzureFindingSeverity.Warning, "sql_mode"), (AzureFindingSeverity.Warning, "max_allowed_packet")],
            findings.Select(f => (f.Severity, f.Setting)));
        Assert.Equal("max_allowed_packet is 4194304 on the target but 536870912 on the source: rows or statements the source accepts could be " +
            "refused by the target. Raise it (az mysql flexible-server parameter set -g <rg> -s fm-target -n max_allowed_packet --value '536870912').",
            findings[3].Message);
        Assert.Contains("the target also enforces ONLY_FULL_GROUP_BY", findings[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Older_target_stopped_servers_and_a_replica_target_are_errors()
    {
        var source = Source with { Version = "8.0", State = "Stopped" };
        var target = Target with { Version = "5.7", ReplicationRole = "Replica" };

        var findings = AzureParameterAdvisor.Check(source, target, online: false, Day);

        Assert.Equal(["state", "replicationRole", "version"], findings.Select(f => f.Setting));
        Assert.Equal("Target fm-target runs MySQL 5.7, older than the source's 8.0: a migration to an older version is not supported. " +
            "Create the target with version 8.0 or later.", findings[2].Message);
    }

    private static AzureServerInfo With(AzureServerInfo server, string name, string value) =>
        server with { Parameters = new Dictionary<string, string>(server.Parameters) { [name] = value } };

    private static AzureServerInfo Server(string name, AzureServerKind kind, string version, Dictionary<string, string> parameters) =>
        new($"/subscriptions/s/resourceGroups/rg/providers/Microsoft.DBforMySQL/x/{name}", kind, name, "westeurope", version,
            new AzureSku("GP_Gen5_4", "GeneralPurpose"), 100, true, 7, "Ready", "None", string.Empty, $"{name}.mysql.database.azure.com", parameters);
}
