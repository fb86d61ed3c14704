namespace FlexMigrate.Orchestration.Contracts;

/// <summary>How a migration ended.</summary>
public enum MigrationOutcome
{
    /// <summary>Everything copied, and validation (when run) found the target equal.</summary>
    Succeeded,

    /// <summary>Copied, but validation found differences.</summary>
    ValidationFailed,

    /// <summary>The precheck found errors; nothing was changed on the target.</summary>
    PrecheckBlocked,

    /// <summary>Stopped on request (POST /api/migrations/{id}/cancel); Azure changes were restored.</summary>
    Cancelled,

    /// <summary>An error ended the migration (the orchestration fails with it); appears only in the migration-report artifact.</summary>
    Failed,

    /// <summary>
    /// Cut over, replicated back, then rolled back on request: the old source has every write the target took and is
    /// the primary again (appended: persisted reports keep their numbers).
    /// </summary>
    RolledBack,
}
