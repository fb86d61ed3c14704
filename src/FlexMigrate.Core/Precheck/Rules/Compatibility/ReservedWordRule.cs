using FlexMigrate.Core.Sql;

namespace FlexMigrate.Core.Precheck.Rules.Compatibility;

/// <summary>
/// compat.reserved-word: databases, tables, columns, views and routines named like a word that is reserved on the
/// target but was not on the source (see <see cref="ReservedWords"/>). FlexMigrate quotes every name it writes, so the
/// copy works; unquoted uses in routine bodies, views and application SQL fail on the target.
/// </summary>
internal sealed class ReservedWordRule : FactRule
{
    public const string Id = "compat.reserved-word";

    public override PrecheckGroup Group => PrecheckGroup.Compatibility;

    protected override IEnumerable<PrecheckFinding> Evaluate(PrecheckContext context)
    {
        var words = ReservedWords.NewlyReserved(context.SourceFacts.Version, context.TargetFacts.Version);
        if (words.Count == 0)
        {
            yield break;
        }

        var names = context.Schema.Databases.Select(d => (Object: d.Name, Name: d.Name, Kind: "database"))
            .Concat(context.Tables.Select(t => (Object: t.FullName, Name: t.Name, Kind: "table")))
            .Concat(context.Tables.SelectMany(t => t.Columns.Select(c => (Object: $"{t.FullName}.{c.Name}", Name: c.Name, Kind: "column"))))
            .Concat(context.Schema.Objects.Select(o => (Object: o.FullName, Name: o.Name, Kind: o.KindName)));
        foreach (var (obj, name, kind) in names.Where(n => words.Contains(n.Name)))
        {
            yield return new PrecheckFinding(Id, PrecheckSeverity.Warning, obj,
                $"The {kind} name {name} is a reserved word on the target ({context.TargetFacts.Version}) but not on the source ({context.SourceFacts.Version}).",
                "FlexMigrate quotes it, so the copy works; SQL in views, routines and applications that uses it unquoted fails on the target (ERROR 1064).",
                $"Quote it everywhere it is used ({SqlText.Identifier(name)}), or rename it on the source before migrating.");
        }
    }
}
