namespace FlexMigrate.Azure.Arm;

/// <summary>How undoing one <see cref="AzureChange"/> went.</summary>
public enum AzureRestoreStatus
{
    /// <summary>The setting was at the changed value and is now back at the original.</summary>
    Restored,

    /// <summary>The setting already had its original value (e.g. a retried restore); nothing was sent.</summary>
    AlreadyRestored,

    /// <summary>Someone changed the setting to a third value since; it was left alone so their change is not lost.</summary>
    ChangedElsewhere,

    /// <summary>The restore call failed; <see cref="AzureRestoreOutcome.Detail"/> says why and the setting needs a manual fix.</summary>
    Failed,
}

/// <summary>The result of undoing one change, for the migration report.</summary>
/// <param name="Detail">Human-readable: what was done, or the error (ARM code and advice) when it failed.</param>
public sealed record AzureRestoreOutcome(AzureChange Change, AzureRestoreStatus Status, string Detail);
