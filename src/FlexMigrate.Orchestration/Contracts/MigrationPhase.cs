namespace FlexMigrate.Orchestration.Contracts;

/// <summary>Where a migration is; shown in custom status and the CLI.</summary>
public enum MigrationPhase
{
    Precheck,
    Planning,
    CreatingTables,
    PlanningChunks,
    CopyingData,
    AddingIndexes,
    CreatingMetadata,
    Validating,
    Completed,
    Blocked,

    // Online migrations (appended: persisted statuses keep their numbers).
    RecordingPosition,
    CatchingUp,
    Replicating,
    CuttingOver,

    // Azure steps and cancel (appended after the online phases).
    Cancelled,
    RestoringAzure,
    TuningAzure,

    // Users, roles and grants (appended).
    MigratingUsers,

    // Rollback after cutover (appended): the target replicates back to the old source until rollback or finish.
    ReplicatingBack,
    RollingBack,
    Finishing,
}
