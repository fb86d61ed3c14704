namespace FlexMigrate.Orchestration.Contracts;

/// <summary>Input of the forward-again activities: the migration (forward roles) and where it replicates from.</summary>
/// <param name="Request">The migration as recorded (the old source is its source).</param>
/// <param name="MigrationId">The migration's id (its ledger on the target).</param>
/// <param name="Start">Where forward replication starts again.</param>
public sealed record ForwardAgainStep(MigrationRequest Request, string MigrationId, ForwardAgainRecorded Start);
