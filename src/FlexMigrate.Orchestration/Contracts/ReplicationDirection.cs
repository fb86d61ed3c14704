namespace FlexMigrate.Orchestration.Contracts;

/// <summary>Which way an online migration replicates.</summary>
public enum ReplicationDirection
{
    /// <summary>Source to target: from the copy until the cutover.</summary>
    Forward,

    /// <summary>Target back to the old source after a cutover with reverseAfterCutover, until rollback or finish.</summary>
    Reverse,
}
