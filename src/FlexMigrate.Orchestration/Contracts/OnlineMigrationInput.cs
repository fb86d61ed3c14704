namespace FlexMigrate.Orchestration.Contracts;

/// <summary>
/// Input of <see cref="Online.OnlineMigrationOrchestrator"/>: the request, and the replication state once the
/// initial load is done (null in the first generation).
/// </summary>
public sealed record OnlineMigrationInput(MigrationRequest Request, ReplicationState? State = null);
