namespace FlexMigrate.Core.Precheck.Rules.Compatibility;

/// <summary>
/// compat.lower-case-table-names (warning): the source keeps names as written (lower_case_table_names=0) but the
/// target stores them in lower case (1; Azure's default), so mixed-case names change; or the reverse, where
/// queries spelling names in another case stop working. compat.lower-case-table-names-collision (error): two
/// names that differ only in case become one on the target.
/// </summary>
internal sealed class LowerCaseTableNamesRule : FactRule
{
    public const string Id = "compat.lower-case-table-names";
    public const string CollisionId = "compat.lower-case-table-names-collision";

    public override PrecheckGroup Group => PrecheckGroup.Compatibility;

    protected override IEnumerable<PrecheckFinding> Evaluate(PrecheckContext context)
    {
        var s = context.SourceFacts.LowerCaseTableNames;
        var t = context.TargetFacts.LowerCaseTableNames;
        if (s == 0 && t != 0)
        {
            foreach (var finding in MixedCase(context, t))
            {
                yield return finding;
            }
        }
        else if (s != 0 && t == 0)
        {
            yield return new PrecheckFinding(Id, PrecheckSeverity.Warning, context.TargetFacts.Label,
                $"The source compares table names case-insensitively (lower_case_table_names={s}), the target case-sensitively (0).",
                "Application SQL that spells a table name in a different case than created works on the source and fails on the target.",
                "Create the target with lower_case_table_names=1 (Azure: server parameter lower_case_table_names, settable only when the server is created).");
        }
    }

    private static IEnumerable<PrecheckFinding> MixedCase(PrecheckContext context, int target)
    {
        var names = context.Schema.Databases.Select(d => (Object: d.Name, Kind: "Database"))
            .Concat(context.Tables.Select(x => (Object: x.FullName, Kind: "Table")))
            .Concat(context.Schema.Objects.Where(o => o.Kind == StoredObjectKind.View).Select(v => (Object: v.FullName, Kind: "View")))
            .ToList();
        foreach (var clash in names.GroupBy(n => n.Object.ToLowerInvariant(), StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            yield return new PrecheckFinding(CollisionId, PrecheckSeverity.Error, clash.Key,
                $"{string.Join(" and ", clash.Select(n => n.Object))} differ only in letter case; with lower_case_table_names={target} on the target they are the same name.",
                "The second one cannot be created on the target.",
                $"Rename one of them on the source (RENAME TABLE ...), or exclude one with --exclude-tables.");
        }

        foreach (var (name, kind) in names.Where(n => n.Object.Any(char.IsUpper)))
        {
            yield return new PrecheckFinding(Id, PrecheckSeverity.Warning, name,
                $"{kind} {name} has upper-case letters; the target (lower_case_table_names={target}) stores it as {name.ToLowerInvariant()}.",
                "Names are compared case-insensitively on the target, so SQL keeps working, but tools and scripts that compare names exactly will see the lower-case form.",
                "Nothing to do if lower-case names are fine; otherwise create the target with lower_case_table_names=0 " +
                "(Azure: server parameter lower_case_table_names, settable only when the server is created).");
        }
    }
}
