namespace FlexMigrate.Core.Precheck.Rules.Privileges;

/// <summary>
/// privileges.routine-body: procedures/functions whose body information_schema hides from this user (not the definer,
/// and no SHOW_ROUTINE / global SELECT / SELECT on mysql.proc), so they cannot be recreated on the target.
/// </summary>
internal sealed class RoutineBodyRule : FactRule
{
    public const string Id = "privileges.routine-body";

    public override PrecheckGroup Group => PrecheckGroup.Privileges;

    public override PrecheckNeeds Needs => PrecheckNeeds.Source;

    protected override IEnumerable<PrecheckFinding> Evaluate(PrecheckContext context) =>
        context.Schema.Objects
            .Where(o => o.Kind is StoredObjectKind.Procedure or StoredObjectKind.Function && o.Body is null)
            .Select(o => new PrecheckFinding(Id, PrecheckSeverity.Error, o.FullName,
                $"The body of {o.KindName} {o.FullName} (definer {PrecheckText.Account(o.Definer)}) is hidden from {PrecheckText.Account(context.SourceFacts.CurrentUser)}.",
                "A routine whose definition cannot be read cannot be recreated on the target.",
                $"MySQL 8.0.20+: GRANT SHOW_ROUTINE ON *.* TO {PrecheckText.Account(context.SourceFacts.CurrentUser)}; " +
                $"MySQL 5.6/5.7 and MariaDB: GRANT SELECT ON mysql.proc TO {PrecheckText.Account(context.SourceFacts.CurrentUser)}; or migrate as the definer."));
}
