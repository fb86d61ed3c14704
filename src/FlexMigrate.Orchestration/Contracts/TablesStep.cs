namespace FlexMigrate.Orchestration.Contracts;

/// <summary>
/// Input of the activities that work through a batch of tables in one call (issue 20): 10,000 tables cost the
/// orchestration a hundred small events instead of 10,000 requests and as many replays.
/// </summary>
/// <param name="Request">The migration.</param>
/// <param name="Tables">The batch, in list order.</param>
/// <param name="Catalog">The stored source schema the tables' definitions come from; null reads each from the source.</param>
public sealed record TablesStep(MigrationRequest Request, IReadOnlyList<TableWork> Tables, FlexMigrate.Azure.Storage.PayloadReference? Catalog = null);
