namespace FlexMigrate.Core.Precheck.Rules.Online;

/// <summary>
/// Base of the online-only rules on source binlog settings: they apply in online mode, and (except log_bin itself)
/// only when the binlog is on, so a disabled binlog gives one finding rather than four.
/// </summary>
internal abstract class BinlogSettingRule : FactRule
{
    public override PrecheckGroup Group => PrecheckGroup.Online;

    public override PrecheckNeeds Needs => PrecheckNeeds.Source;

    protected virtual bool NeedsBinlogOn => true;

    protected sealed override IEnumerable<PrecheckFinding> Evaluate(PrecheckContext context)
    {
        if (!context.Online || (NeedsBinlogOn && !context.SourceFacts.IsOn("log_bin")))
        {
            return [];
        }

        return Check(context, context.SourceFacts);
    }

    protected abstract IEnumerable<PrecheckFinding> Check(PrecheckContext context, ServerFacts source);

    /// <summary>This rule on another server whose binlog is read (the target, for reverse replication after the cutover).</summary>
    internal IEnumerable<PrecheckFinding> CheckServer(PrecheckContext context, ServerFacts server) =>
        NeedsBinlogOn && !server.IsOn("log_bin") ? [] : Check(context, server);
}
