namespace FlexMigrate.Core.Precheck.Rules.Online;

/// <summary>online.binlog-format: only ROW events carry the changed rows; STATEMENT/MIXED log SQL text instead.</summary>
internal sealed class BinlogFormatRule : BinlogSettingRule
{
    public const string Id = "online.binlog-format";

    protected override IEnumerable<PrecheckFinding> Check(PrecheckContext context, ServerFacts source)
    {
        if (!source.VariableIs("binlog_format", "ROW"))
        {
            yield return new PrecheckFinding(Id, PrecheckSeverity.Error, source.Label,
                $"binlog_format is {source.Variable("binlog_format") ?? "absent"}, not ROW.",
                "FlexMigrate applies row events; STATEMENT and MIXED binlogs log SQL statements whose effect on the target can differ " +
                "(non-deterministic functions, LIMIT without ORDER BY) and are not applied.",
                "SET GLOBAL binlog_format = 'ROW'; and binlog_format=ROW in my.cnf (Azure: server parameter binlog_format = ROW). " +
                "Connections opened before the change keep their format: restart the application's connections.");
        }
    }
}
