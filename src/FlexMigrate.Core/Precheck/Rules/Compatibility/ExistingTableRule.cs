using FlexMigrate.Core.Sql;

namespace FlexMigrate.Core.Precheck.Rules.Compatibility;

/// <summary>compat.table-exists: a table or view to migrate already exists on the target.</summary>
internal sealed class ExistingTableRule : FactRule
{
    public const string Id = "compat.table-exists";

    public override PrecheckGroup Group => PrecheckGroup.Compatibility;

    protected override IEnumerable<PrecheckFinding> Evaluate(PrecheckContext context)
    {
        var existing = context.TargetFacts.ExistingTables;
        var names = context.Tables.Select(t => (t.Database, t.Name, Kind: "table"))
            .Concat(context.Schema.Objects.Where(o => o.Kind == StoredObjectKind.View).Select(v => (v.Database, v.Name, Kind: "view")));
        foreach (var (db, name, kind) in names)
        {
            if (existing.Contains($"{db}.{name}") || existing.Contains($"{db}.{name}".ToLowerInvariant()))
            {
                yield return new PrecheckFinding(Id, PrecheckSeverity.Error, $"{db}.{name}",
                    $"The {kind} {db}.{name} already exists on the target.",
                    "Creating it fails, and copying into an existing table would mix its rows with the source's.",
                    $"If it holds nothing you need: DROP {kind.ToUpperInvariant()} {SqlText.Qualified(db, name)}; on the target; " +
                    $"otherwise leave it out with --exclude-tables {db}.{name}.");
            }
        }
    }
}
