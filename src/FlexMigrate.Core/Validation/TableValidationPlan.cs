namespace FlexMigrate.Core.Validation;

/// <summary>
/// What <see cref="TableValidator.PlanAsync"/> decided for one table: the shapes on both servers and the key-range
/// chunks. Small and serializable, so an orchestration can fan out one activity per chunk.
/// </summary>
/// <param name="Table">The table.</param>
/// <param name="Source">Compared columns and key on the source.</param>
/// <param name="Target">The same columns on the target (the target's own types, charsets and collations).</param>
/// <param name="Chunks">Key ranges covering the whole key space; a single unbounded chunk when the table cannot be
/// range-chunked safely (no key, or key types/collations that differ between the servers).</param>
/// <param name="Problem">Why the table's data cannot be compared (missing on a side, key column missing); null when it can.</param>
public sealed record TableValidationPlan(
    TableRef Table,
    TableShape Source,
    TableShape Target,
    IReadOnlyList<ChunkBounds> Chunks,
    string? Problem)
{
    /// <summary>True when the table has no usable key and compares as a multiset of rows.</summary>
    public bool IsMultiset => Source.KeyColumns.Count == 0;
}
