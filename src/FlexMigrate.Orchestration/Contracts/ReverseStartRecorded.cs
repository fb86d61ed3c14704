namespace FlexMigrate.Orchestration.Contracts;

/// <summary>
/// What the target's ledger keeps when a forward cutover hands over to reverse replication (ledger step
/// <see cref="Core.Ledger.LedgerSteps.ReverseStart"/>), so that a run resumed after a process stop replicates back
/// from where the killed one did, instead of loading and replicating forward again over the new primary.
/// </summary>
/// <param name="TargetReady">The target's binlog end at "target ready", before any application write reached it.</param>
/// <param name="OldSourceWasReadOnly">The old source's read_only when the migration started (what a rollback gives back).</param>
/// <param name="Forward">The forward cutover's report, which the rollback or finish completes.</param>
public sealed record ReverseStartRecorded(SourcePositionRecorded TargetReady, bool OldSourceWasReadOnly, MigrationReport Forward);
