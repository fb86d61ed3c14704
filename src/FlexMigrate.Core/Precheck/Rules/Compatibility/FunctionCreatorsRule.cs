namespace FlexMigrate.Core.Precheck.Rules.Compatibility;

/// <summary>
/// compat.log-bin-trust-function-creators: with the binlog on, creating stored functions and triggers without SUPER
/// fails (ERROR 1419) unless log_bin_trust_function_creators is ON. Flexible Server always logs and has no SUPER.
/// See https://dev.mysql.com/doc/refman/8.0/en/stored-programs-logging.html.
/// </summary>
internal sealed class FunctionCreatorsRule : FactRule
{
    public const string Id = "compat.log-bin-trust-function-creators";

    public override PrecheckGroup Group => PrecheckGroup.Compatibility;

    protected override IEnumerable<PrecheckFinding> Evaluate(PrecheckContext context)
    {
        var target = context.TargetFacts;
        var count = context.Schema.Objects.Count(o => o.Kind is StoredObjectKind.Function or StoredObjectKind.Trigger);
        if (count == 0 || !target.IsOn("log_bin") || target.IsOn("log_bin_trust_function_creators")
            || target.Grants is null || target.Grants.HasGlobal("SUPER"))
        {
            yield break;
        }

        yield return new PrecheckFinding(Id, PrecheckSeverity.Error, target.Label,
            $"{count} stored functions/triggers are to be created, the target logs binlogs and log_bin_trust_function_creators is OFF, " +
            $"and {PrecheckText.Account(target.CurrentUser)} has no SUPER.",
            "Creating them fails with ERROR 1419 (You do not have the SUPER privilege and binary logging is enabled).",
            "Azure: set the server parameter log_bin_trust_function_creators = ON; self-managed: SET GLOBAL log_bin_trust_function_creators = 1;");
    }
}
