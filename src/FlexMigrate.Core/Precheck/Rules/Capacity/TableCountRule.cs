namespace FlexMigrate.Core.Precheck.Rules.Capacity;

/// <summary>capacity.table-count (warning): more than 10,000 tables in one migration.</summary>
internal sealed class TableCountRule : FactRule
{
    public const string Id = "capacity.table-count";
    public const int Limit = 10_000;

    public override PrecheckGroup Group => PrecheckGroup.Capacity;

    public override PrecheckNeeds Needs => PrecheckNeeds.Source;

    protected override IEnumerable<PrecheckFinding> Evaluate(PrecheckContext context)
    {
        if (context.Capacity.TotalTables > Limit)
        {
            yield return new PrecheckFinding(Id, PrecheckSeverity.Warning, "source databases",
                $"{PrecheckText.Number(context.Capacity.TotalTables)} tables are in scope (more than {PrecheckText.Number(Limit)}).",
                "Per-table work (schema creation, progress state, validation) and the target's table_open_cache and " +
                "table_definition_cache become the bottleneck; a failure costs more to resume.",
                "Split the migration into several runs with --tables / --exclude-tables, and raise table_open_cache and " +
                "table_definition_cache on the target (Azure: server parameters).");
        }
    }
}
