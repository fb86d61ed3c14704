namespace FlexMigrate.Core.Precheck.Rules.Capacity;

/// <summary>capacity.estimate (info): what is in scope and how long the copy should take at the given rate.</summary>
internal sealed class CapacityEstimateRule : FactRule
{
    public const string Id = "capacity.estimate";

    public override PrecheckGroup Group => PrecheckGroup.Capacity;

    public override PrecheckNeeds Needs => PrecheckNeeds.Source;

    protected override IEnumerable<PrecheckFinding> Evaluate(PrecheckContext context)
    {
        var c = context.Capacity;
        yield return new PrecheckFinding(Id, PrecheckSeverity.Info, "source databases",
            $"{PrecheckText.Number(c.TotalTables)} tables, about {PrecheckText.Number(c.TotalRows)} rows and {PrecheckText.Bytes(c.TotalBytes)} " +
            $"(data + indexes) in {c.Databases.Count} databases; estimated copy {PrecheckText.Duration(c.EstimatedCopySeconds)} at " +
            $"{PrecheckText.Number((long)c.CopyRate.RowsPerSecond)} rows/s or {PrecheckText.Bytes((long)c.CopyRate.BytesPerSecond)}/s, whichever is slower.",
            "Row counts are information_schema estimates for InnoDB; the estimate sizes the binlog retention and the target storage.",
            "Pass the copy rate measured on your network (--rows-per-second) for a closer estimate.");
    }
}
