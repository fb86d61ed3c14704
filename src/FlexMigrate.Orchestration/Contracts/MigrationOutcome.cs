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
}
