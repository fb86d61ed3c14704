using FlexMigrate.Core.Sql;

namespace FlexMigrate.Core.Precheck.Rules.Compatibility;

/// <summary>compat.engine: tables not in InnoDB are created as InnoDB on the target.</summary>
internal sealed class EngineRule : FactRule
{
    public const string Id = "compat.engine";

    public override PrecheckGroup Group => PrecheckGroup.Compatibility;

    public override PrecheckNeeds Needs => PrecheckNeeds.Source;

    protected override IEnumerable<PrecheckFinding> Evaluate(PrecheckContext context) =>
        context.Tables
            .Where(t => t.Type != "SEQUENCE" && t.Engine is not null && !t.Engine.Equals("InnoDB", StringComparison.OrdinalIgnoreCase))
            .Select(t => new PrecheckFinding(Id, PrecheckSeverity.Warning, t.FullName,
                $"Table {t.FullName} uses the {t.Engine} engine; it will be created as InnoDB on the target.",
                "Azure Database for MySQL Flexible Server supports InnoDB (MEMORY only for temporary data). The conversion changes locking, " +
                "size and FULLTEXT behaviour; MEMORY tables become persistent." +
                (context.Online ? $" {t.Engine} is not transactional, so its copy is not part of the consistent snapshot." : ""),
                $"Nothing to do if InnoDB suits the table; to convert and test on the source first: ALTER TABLE {SqlText.Qualified(t.Database, t.Name)} ENGINE=InnoDB;"));
}
