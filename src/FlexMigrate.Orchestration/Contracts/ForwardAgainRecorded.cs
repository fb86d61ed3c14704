namespace FlexMigrate.Orchestration.Contracts;

/// <summary>
/// Where a migration goes forward again after a rollback (issue 16), kept in the target's ledger (step
/// <see cref="Core.Ledger.LedgerSteps.ForwardAgain"/>) so a run resumed after a stop replicates forward from the
/// applier's checkpoint instead of copying again.
/// </summary>
/// <param name="From">The old source's binlog end at the rollback's "source ready", before any application write reached it.</param>
/// <param name="SourceWasReadOnly">The source's read_only when the migration started (what a failed cutover gives back).</param>
/// <param name="TargetWasReadOnly">The target's read_only at the first cutover's "target ready" (given back for the applier).</param>
/// <param name="Forward">The first cutover's report, which the next cutover completes.</param>
public sealed record ForwardAgainRecorded(SourcePositionRecorded From, bool SourceWasReadOnly, bool TargetWasReadOnly, MigrationReport Forward);
