using FlexMigrate.Core.Schema;

namespace FlexMigrate.Orchestration.Contracts;

/// <summary>What the migration will do, read from the source schema by the planning activity.</summary>
/// <param name="Tables">Tables to copy, largest first so the long ones start early.</param>
/// <param name="Notes">Findings made while planning.</param>
public sealed record MigrationPlan(IReadOnlyList<TableWork> Tables, IReadOnlyList<MigrationNote> Notes)
{
    /// <summary>
    /// Set when the table list was too long to travel inline (see <see cref="Azure.IPayloadStore.InlineTableLimit"/>):
    /// <see cref="Tables"/> is then empty and <see cref="Azure.AzureSteps.TablesOfAsync(Microsoft.DurableTask.TaskOrchestrationContext, MigrationPlan)"/> reads the list in pages.
    /// </summary>
    public FlexMigrate.Azure.Storage.PayloadReference? TablesReference { get; init; }

    /// <summary>
    /// Where the source schema read for this plan is stored (<see cref="Activities.SchemaCatalogs"/>): the activities
    /// after the plan take it from there instead of reading the source again. Null when the host has no payload store.
    /// </summary>
    public FlexMigrate.Azure.Storage.PayloadReference? Catalog { get; init; }

    /// <summary>How many tables the plan has, inline or by reference.</summary>
    public int TableCount { get; init; }
}
