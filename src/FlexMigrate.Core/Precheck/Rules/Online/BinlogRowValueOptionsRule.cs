namespace FlexMigrate.Core.Precheck.Rules.Online;

/// <summary>online.binlog-row-value-options: MySQL 8's PARTIAL_JSON logs JSON updates as diffs, not values.</summary>
internal sealed class BinlogRowValueOptionsRule : BinlogSettingRule
{
    public const string Id = "online.binlog-row-value-options";

    protected override IEnumerable<PrecheckFinding> Check(PrecheckContext context, ServerFacts source)
    {
        if ((source.Variable("binlog_row_value_options") ?? "").Contains("PARTIAL_JSON", StringComparison.OrdinalIgnoreCase))
        {
            yield return new PrecheckFinding(Id, PrecheckSeverity.Error, source.Label,
                "binlog_row_value_options is PARTIAL_JSON.",
                "JSON updates are then logged as partial diffs (PARTIAL_UPDATE_ROWS_EVENT), which FlexMigrate does not apply.",
                "SET GLOBAL binlog_row_value_options = ''; (Azure: server parameter binlog_row_value_options, empty).");
        }
    }
}
