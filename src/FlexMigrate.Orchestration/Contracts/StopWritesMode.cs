namespace FlexMigrate.Orchestration.Contracts;

/// <summary>How writes on the source are stopped at cutover.</summary>
public enum StopWritesMode
{
    /// <summary>
    /// FlexMigrate sets the source's global read_only (needs SUPER or READ_ONLY ADMIN; accounts holding those
    /// privileges can still write). On failure it restores the previous value.
    /// </summary>
    ReadOnly,

    /// <summary>The user confirms the applications no longer write; FlexMigrate only reads the final position.</summary>
    Confirmed,
}
