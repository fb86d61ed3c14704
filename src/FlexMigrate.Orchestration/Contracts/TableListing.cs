using FlexMigrate.Azure.Storage;

namespace FlexMigrate.Orchestration.Contracts;

/// <summary>
/// Output of <see cref="Activities.ListTablesActivity"/>: the source tables a migration's selection covers, inline, or,
/// above the payload store's <see cref="Azure.IPayloadStore.InlineTableLimit"/>, by reference (issue 20): 10,000 tables
/// are ~1 MB of JSON, which would sit in one history event of the instance that listed them and be sent to its worker
/// again at every turn. Read a stored list back a page at a time (<see cref="Azure.AzureSteps.TablesOfAsync(Microsoft.DurableTask.TaskOrchestrationContext, TableListing)"/>).
/// </summary>
/// <param name="Count">How many tables.</param>
/// <param name="Tables">The tables when inline, else empty.</param>
/// <param name="Reference">The stored list (a <c>List&lt;TableWork&gt;</c>), or null when inline.</param>
public sealed record TableListing(int Count, IReadOnlyList<TableWork> Tables, PayloadReference? Reference = null);
