namespace FlexMigrate.Orchestration.Contracts;

/// <summary>
/// Where a run that stopped (killed, rebooted) while replicating back stood, as the target's ledger shows it; the
/// resumed run's first turn acts on it (<see cref="Online.ReverseResume"/>).
/// </summary>
public enum ReverseInterruption
{
    /// <summary>Replicating back (or between its steps): nothing to finish.</summary>
    Replicating,

    /// <summary>A rollback had begun (writes maybe stopped on the target, draining, switching the old source on).</summary>
    Rollback,

    /// <summary>A rollback had made the old source writable again (only its validation or report was left).</summary>
    RolledBack,

    /// <summary>A finish had begun (the old source's triggers and events being created again).</summary>
    Finish,
}
