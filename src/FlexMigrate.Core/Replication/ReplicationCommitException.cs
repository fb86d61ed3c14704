namespace FlexMigrate.Core.Replication;

/// <summary>
/// The target refused a group of replayed source transactions (a statement or the commit failed, the session still
/// alive): the message names the group's binlog range and the target, and the server's error is the inner exception.
/// Nothing of the group committed, so the checkpoint is still before it. Retried like any failed batch: a lock wait
/// passes, a constraint the source does not have needs the user.
/// </summary>
public sealed class ReplicationCommitException : Exception
{
    public ReplicationCommitException(string message)
        : base(message)
    {
    }

    public ReplicationCommitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ReplicationCommitException()
    {
    }
}
