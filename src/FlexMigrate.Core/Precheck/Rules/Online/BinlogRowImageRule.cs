namespace FlexMigrate.Core.Precheck.Rules.Online;

/// <summary>online.binlog-row-image: MINIMAL/NOBLOB images omit columns the apply and the validation need.</summary>
internal sealed class BinlogRowImageRule : BinlogSettingRule
{
    public const string Id = "online.binlog-row-image";

    protected override IEnumerable<PrecheckFinding> Check(PrecheckContext context, ServerFacts source)
    {
        var image = source.Variable("binlog_row_image");
        if (image is not null && !image.Equals("FULL", StringComparison.OrdinalIgnoreCase))
        {
            yield return new PrecheckFinding(Id, PrecheckSeverity.Error, source.Label,
                $"binlog_row_image is {image}, not FULL.",
                "With MINIMAL or NOBLOB, UPDATE events lack the unchanged columns, so a row cannot be rewritten whole on the target, " +
                "and tables without a primary key cannot be matched at all.",
                "SET GLOBAL binlog_row_image = 'FULL'; and binlog_row_image=FULL in my.cnf (Azure: server parameter binlog_row_image = FULL).");
        }
    }
}
