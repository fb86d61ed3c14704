using FlexMigrate.Core.Sql;

namespace FlexMigrate.Core.Precheck.Rules.Privileges;

/// <summary>
/// privileges.routine-body (error): a procedure/function whose body information_schema hides from this user, so it
/// cannot be recreated on the target. privileges.routine-visibility (warning): the user lacks every grant that shows
/// other definers' routines (global SELECT, SELECT on mysql.proc, MySQL 8.0.20+ SHOW_ROUTINE, MariaDB 11.3+
/// SHOW CREATE ROUTINE); MariaDB then leaves such routines out of information_schema.ROUTINES entirely, so they would
/// be silently missing on the target.
/// </summary>
internal sealed class RoutineBodyRule : FactRule
{
    public const string Id = "privileges.routine-body";
    public const string VisibilityId = "privileges.routine-visibility";

    public override PrecheckGroup Group => PrecheckGroup.Privileges;

    public override PrecheckNeeds Needs => PrecheckNeeds.Source;

    protected override IEnumerable<PrecheckFinding> Evaluate(PrecheckContext context)
    {
        var user = PrecheckText.Account(context.SourceFacts.CurrentUser);
        var remedy = $"MySQL 8.0.20+: GRANT SHOW_ROUTINE ON *.* TO {user}; MySQL 5.6/5.7 and MariaDB: GRANT SELECT ON mysql.proc TO {user}; " +
                     $"MariaDB 11.3+: GRANT SHOW CREATE ROUTINE ON <db>.* TO {user};";
        foreach (var o in context.Schema.Objects.Where(o => o.Kind is StoredObjectKind.Procedure or StoredObjectKind.Function && o.Body is null))
        {
            yield return new PrecheckFinding(Id, PrecheckSeverity.Error, o.FullName,
                $"The body of {o.KindName} {o.FullName} (definer {PrecheckText.Account(o.Definer)}) is hidden from {user}.",
                "A routine whose definition cannot be read cannot be recreated on the target.", remedy);
        }

        var grants = context.SourceFacts.Grants;
        if (grants is null || grants.HasGlobal("SELECT") || grants.HasGlobal("SHOW_ROUTINE") || grants.HasOnTable("SELECT", "mysql", "proc"))
        {
            yield break;
        }

        foreach (var db in context.Schema.Databases.Where(d => !grants.Has("SHOW CREATE ROUTINE", d.Name)))
        {
            yield return new PrecheckFinding(VisibilityId, PrecheckSeverity.Warning, db.Name,
                $"{user} can only see the routines it defined or holds privileges on in {SqlText.Identifier(db.Name)}.",
                "Stored procedures and functions of other definers may be invisible to the precheck and the migration, and would be missing on the target.",
                remedy);
        }
    }
}
