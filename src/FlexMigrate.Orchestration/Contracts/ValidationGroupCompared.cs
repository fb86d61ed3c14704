using FlexMigrate.Azure.Storage;
using FlexMigrate.Core.Validation;

namespace FlexMigrate.Orchestration.Contracts;

/// <summary>
/// Output of <see cref="Validation.ValidationGroupOrchestrator"/>: what the parent's status shows of a group (counts and
/// the first tables that differ), and the group's per-table results by reference, so a group of hundreds of tables adds
/// a few hundred bytes to the parent's history; inline only on a host without a payload store.
/// </summary>
/// <param name="Tables">Tables compared.</param>
/// <param name="RowsCompared">Rows compared over the group's tables.</param>
/// <param name="Different">The first <see cref="MaxNamed"/> tables that are not equal, "db.table".</param>
/// <param name="Stored">The group's results (a <c>List&lt;TableValidationResult&gt;</c>) in the payload store, or null.</param>
/// <param name="Results">The group's results when not stored, else empty.</param>
public sealed record ValidationGroupCompared(
    int Tables, long RowsCompared, IReadOnlyList<string> Different, PayloadReference? Stored, IReadOnlyList<TableValidationResult> Results)
{
    /// <summary>Tables that differ named per group at most (the status lists 50 in all).</summary>
    public const int MaxNamed = 50;

    /// <summary>The summary of <paramref name="results"/>, stored as <paramref name="stored"/> (null: carried inline).</summary>
    public static ValidationGroupCompared Of(IReadOnlyList<TableValidationResult> results, PayloadReference? stored)
    {
        ArgumentNullException.ThrowIfNull(results);
        return new(results.Count, results.Sum(r => r.RowsCompared),
            [.. results.Where(r => r.Status != TableStatus.Equal).Select(r => $"{r.Database}.{r.Table}").Take(MaxNamed)],
            stored, stored is null ? results : []);
    }
}
