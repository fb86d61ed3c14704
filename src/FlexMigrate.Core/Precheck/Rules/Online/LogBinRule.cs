namespace FlexMigrate.Core.Precheck.Rules.Online;

/// <summary>online.log-bin: an online migration replicates from the source binlog, so it must be on.</summary>
internal sealed class LogBinRule : BinlogSettingRule
{
    public const string Id = "online.log-bin";

    protected override bool NeedsBinlogOn => false;

    protected override IEnumerable<PrecheckFinding> Check(PrecheckContext context, ServerFacts source)
    {
        if (!source.IsOn("log_bin"))
        {
            yield return new PrecheckFinding(Id, PrecheckSeverity.Error, source.Label,
                $"Binary logging is off on the source (log_bin={source.Variable("log_bin") ?? "absent"}).",
                "Changes made during the copy are read from the binlog; without it an online migration cannot keep the target in sync.",
                "Self-managed: set log_bin=mysql-bin and a unique server_id in my.cnf and restart (MariaDB: log-bin). " +
                "Azure Single Server: binary logging is on in the General Purpose and Memory Optimized tiers, not Basic. " +
                "Or migrate offline (--mode offline).");
        }
    }
}
