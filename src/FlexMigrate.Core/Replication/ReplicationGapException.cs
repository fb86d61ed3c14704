namespace FlexMigrate.Core.Replication;

/// <summary>
/// The source no longer holds the binlog file a migration's replication must continue from (purged while the
/// migration was stopped): the changes since cannot be replayed. Not retried: only the user can choose, and the
/// only choice left is to copy the affected databases again.
/// </summary>
public sealed class ReplicationGapException : UserActionRequiredException
{
    public ReplicationGapException(string message)
        : base(message)
    {
    }

    public ReplicationGapException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ReplicationGapException()
    {
    }
}
