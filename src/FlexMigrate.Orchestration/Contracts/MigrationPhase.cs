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
    Cancelled,
    RestoringAzure,
    TuningAzure,
}
