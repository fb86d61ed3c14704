namespace FlexMigrate.Orchestration.Contracts;

/// <summary>What the user chose for one migration. Persisted in durable history: nothing secret here.</summary>
/// <param name="Mode">Offline or online.</param>
/// <param name="Parallelism">How many chunk copies run at once (the `--parallelism` option).</param>
/// <param name="DropExisting">Drop tables already on the target instead of refusing to start.</param>
/// <param name="KeepDefiners">Keep source DEFINER clauses (needs SUPER or SET_USER_ID on the target).</param>
/// <param name="KeepEngines">Keep non-InnoDB engines instead of converting them to InnoDB.</param>
/// <param name="SkipPrecheck">Run even when the precheck reports errors (recorded in the report).</param>
/// <param name="Validate">Compare source and target after the copy.</param>
/// <param name="ChunkRows">Rows per primary-key range chunk.</param>
/// <param name="ApplyBatchSeconds">Online: how long one replication batch runs before the loop checks for cutover.</param>
/// <param name="CutoverPollMilliseconds">Online: how long each replication turn listens for the cutover event (events
/// arriving during a batch are buffered, so this only bounds the reaction time when idle).</param>
/// <param name="Throttle">When the copy and the replay hold back (docs/throttling.md); null never throttles.</param>
/// <param name="ApplyThreads">Online: target connections replay applies non-conflicting transactions on (the
/// `--apply-threads` option); 0 = <see cref="Core.Replication.ReplicationApplierOptions.DefaultApplyThreads"/>.</param>
/// <param name="ReverseAfterCutover">Online: after the cutover keep the old source in sync from the target (reverse
/// replication) until the <c>rollback</c> or <c>finish</c> event (docs/online.md#rollback-after-cutover).</param>
public sealed record MigrationOptions(
    MigrationMode Mode = MigrationMode.Offline,
    int Parallelism = 4,
    bool DropExisting = false,
    bool KeepDefiners = false,
    bool KeepEngines = false,
    bool SkipPrecheck = false,
    bool Validate = true,
    long ChunkRows = 200_000,
    int ApplyBatchSeconds = 10,
    int CutoverPollMilliseconds = 1000,
    Core.Throttling.ThrottleSettings? Throttle = null,
    int ApplyThreads = 0,
    bool ReverseAfterCutover = false);
