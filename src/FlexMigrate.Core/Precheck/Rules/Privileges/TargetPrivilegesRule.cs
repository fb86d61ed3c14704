namespace FlexMigrate.Core.Precheck.Rules.Privileges;

/// <summary>
/// privileges.target: per database what loading needs: CREATE, ALTER, INDEX, DROP, REFERENCES (tables and keys),
/// INSERT (rows), CREATE VIEW, CREATE ROUTINE, TRIGGER, EVENT (objects), SELECT (validation); online also UPDATE
/// and DELETE (applying changes). Database-level grants also allow CREATE DATABASE of that name.
/// </summary>
internal sealed class TargetPrivilegesRule : FactRule
{
    public const string Id = "privileges.target";

    private static readonly string[] Load =
        ["SELECT", "INSERT", "CREATE", "ALTER", "INDEX", "DROP", "REFERENCES", "CREATE VIEW", "CREATE ROUTINE", "TRIGGER", "EVENT"];

    private static readonly string[] Apply = ["UPDATE", "DELETE"];

    public override PrecheckGroup Group => PrecheckGroup.Privileges;

    public override PrecheckNeeds Needs => PrecheckNeeds.Target;

    protected override IEnumerable<PrecheckFinding> Evaluate(PrecheckContext context)
    {
        var target = context.TargetFacts;
        if (target.Grants is null)
        {
            yield return PrivilegeFindings.Unreadable(target);
            yield break;
        }

        var needed = context.Online ? Load.Concat(Apply).ToArray() : Load;
        foreach (var db in context.Request.Databases)
        {
            var missing = target.Grants.Missing(needed, db);
            if (missing.Count > 0)
            {
                yield return PrivilegeFindings.Missing(Id, target, db, missing,
                    context.Online
                        ? "Loading creates the schema and objects and inserts rows; applying changes updates and deletes rows."
                        : "Loading creates the schema and objects, inserts rows and reads them back for validation.");
            }
        }
    }
}
