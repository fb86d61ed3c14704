namespace FlexMigrate.Core.Replication;

/// <summary>How a lane's share of a window ended.</summary>
internal enum LaneOutcome
{
    /// <summary>The lane had nothing in this window.</summary>
    Idle,

    /// <summary>Committed; other shares of the window are still open.</summary>
    Committed,

    /// <summary>Committed, and this share completed the window (the checkpoint moved to its end).</summary>
    CompletedWindow,

    /// <summary>Rolled back as a deadlock victim or after a lock wait timeout: apply it again alone.</summary>
    LockConflict,
}
