namespace FlexMigrate.Core.Precheck;

/// <summary>Sums the source sizes in scope and turns them into a copy-time estimate.</summary>
internal static class CapacityEstimator
{
    public static PrecheckCapacity Estimate(SchemaFacts schema, CopyRate rate, long? targetFreeBytes)
    {
        var tables = schema.Tables;
        var databases = tables.GroupBy(t => t.Database, StringComparer.Ordinal)
            .Select(g => new DatabaseSize(g.Key, g.Count(), g.Sum(t => t.Rows), g.Sum(t => t.Bytes)))
            .OrderByDescending(d => d.Bytes).ThenBy(d => d.Database, StringComparer.Ordinal)
            .ToList();
        var largest = tables.OrderByDescending(t => t.Bytes).ThenBy(t => t.FullName, StringComparer.Ordinal)
            .Take(PrecheckCapacity.LargestTablesListed)
            .Select(t => new TableSize(t.Database, t.Name, t.Rows, t.Bytes))
            .ToList();
        var rows = tables.Sum(t => t.Rows);
        var bytes = tables.Sum(t => t.Bytes);
        return new PrecheckCapacity(databases, largest, tables.Count, rows, bytes, rate,
            Math.Round(rate.EstimateSeconds(rows, bytes), 1), targetFreeBytes);
    }
}
