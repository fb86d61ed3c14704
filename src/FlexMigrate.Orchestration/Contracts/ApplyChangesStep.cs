namespace FlexMigrate.Orchestration.Contracts;

/// <summary>Input of one replication batch: apply source changes from a checkpoint for a bounded time.</summary>
/// <param name="Request">The migration (connection names and scope).</param>
/// <param name="MigrationId">Key of the checkpoint the applier keeps on the target (the migration id: the first run's instance id).</param>
/// <param name="From">Checkpoint to resume from; the applier resumes from the target's own checkpoint when later.</param>
/// <param name="CatchUpPosition">Where the initial copy finished: DDL on copied tables before it cannot be replayed.</param>
/// <param name="MaxSeconds">How long the batch may run before it returns its checkpoint.</param>
/// <param name="Throttle">The throttle conditions in force; null when none is set, and during a cutover's drain (writes
/// are stopped then: holding the drain back would only lengthen the downtime).</param>
/// <param name="StopAt">A cutover's drain: the stopped source's final position; the batch returns as soon as it is
/// applied instead of idling (<see cref="Core.Replication.ReplicationApplierOptions.StopAt"/>). Null otherwise.</param>
/// <param name="StopAtSourceEnd">A cutover closing in before writes stop: the batch returns once applied to the source's
/// end as it is when the batch opens (<see cref="Core.Replication.ReplicationApplierOptions.StopAtSourceEnd"/>).</param>
public sealed record ApplyChangesStep(MigrationRequest Request, string MigrationId, ReplicationPosition From, ReplicationPosition CatchUpPosition, int MaxSeconds,
    Core.Throttling.ThrottleSettings? Throttle = null, ReplicationPosition? StopAt = null, bool StopAtSourceEnd = false);
