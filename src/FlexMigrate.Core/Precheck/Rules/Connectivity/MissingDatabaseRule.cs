using FlexMigrate.Core.Sql;

namespace FlexMigrate.Core.Precheck.Rules.Connectivity;

/// <summary>connectivity.database-missing: a requested database is not on the source (or not visible to the user).</summary>
internal sealed class MissingDatabaseRule : FactRule
{
    public const string Id = "connectivity.database-missing";

    public override PrecheckGroup Group => PrecheckGroup.Connectivity;

    public override PrecheckNeeds Needs => PrecheckNeeds.Source;

    protected override IEnumerable<PrecheckFinding> Evaluate(PrecheckContext context)
    {
        if (context.Request.Databases.Count == 0)
        {
            yield return new PrecheckFinding(Id, PrecheckSeverity.Error, context.SourceFacts.Label,
                "No database was named to migrate.", "The migration copies the databases it is given, and nothing else.",
                "Name them: --databases app,billing.");
        }

        foreach (var db in context.Schema.MissingDatabases)
        {
            yield return new PrecheckFinding(Id, PrecheckSeverity.Error, db,
                $"Database '{db}' does not exist on the source, or user {PrecheckText.Account(context.SourceFacts.CurrentUser)} cannot see it.",
                "A database that cannot be read cannot be migrated.",
                $"Check the spelling (names are case-sensitive when lower_case_table_names=0); SHOW DATABASES lists what the user sees; " +
                $"GRANT SELECT, SHOW VIEW, TRIGGER, EVENT ON {SqlText.Identifier(db)}.* TO {PrecheckText.Account(context.SourceFacts.CurrentUser)};");
        }
    }
}
