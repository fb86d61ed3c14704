namespace FlexMigrate.Orchestration.Contracts;

/// <summary>
/// Input of <see cref="Activities.ValidateTablesActivity"/>: a batch of tables compared in one call (issue 20), by
/// names only, so 10,000 tables cost validation's history a hundred small events instead of 10,000 requests.
/// </summary>
/// <param name="SourceConnection">Name of the source connection.</param>
/// <param name="TargetConnection">Name of the target connection.</param>
/// <param name="Tables">The batch, in list order.</param>
public sealed record TablesValidationStep(string SourceConnection, string TargetConnection, IReadOnlyList<TableWork> Tables);
