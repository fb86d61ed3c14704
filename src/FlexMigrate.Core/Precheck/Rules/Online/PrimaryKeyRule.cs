using FlexMigrate.Core.Sql;

namespace FlexMigrate.Core.Precheck.Rules.Online;

/// <summary>
/// online.primary-key: tables with neither a primary key nor a unique key on NOT NULL columns. Online this is an
/// error (row events are applied by key); offline a warning (the copy cannot be chunked or resumed by key and
/// validation must compare whole rows).
/// </summary>
internal sealed class PrimaryKeyRule : FactRule
{
    public const string Id = "online.primary-key";

    public override PrecheckGroup Group => PrecheckGroup.Online;

    public override PrecheckNeeds Needs => PrecheckNeeds.Source;

    protected override IEnumerable<PrecheckFinding> Evaluate(PrecheckContext context) =>
        context.Tables
            .Where(t => t.Type != "SEQUENCE" && !t.HasPrimaryKey && !t.HasNonNullUniqueKey)
            .Select(t => new PrecheckFinding(Id, context.Online ? PrecheckSeverity.Error : PrecheckSeverity.Warning, t.FullName,
                $"Table {t.FullName} has no primary key and no unique key on NOT NULL columns.",
                context.Online
                    ? "Changes from the binlog are applied by key: without one an UPDATE or DELETE cannot be matched to exactly one target row."
                    : "The copy cannot be split into key ranges or resumed after a failure, and validation has to compare whole rows.",
                $"ALTER TABLE {SqlText.Qualified(t.Database, t.Name)} ADD PRIMARY KEY (<unique not-null columns>); or, with no such columns, " +
                $"ALTER TABLE {SqlText.Qualified(t.Database, t.Name)} ADD COLUMN id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY;"));
}
