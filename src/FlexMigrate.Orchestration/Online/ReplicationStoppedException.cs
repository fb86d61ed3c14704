namespace FlexMigrate.Orchestration.Online;

/// <summary>Replication gave up after too many failed batches in a row; the message names the last failure.</summary>
public sealed class ReplicationStoppedException : Exception
{
    public ReplicationStoppedException()
    {
    }

    public ReplicationStoppedException(string message)
        : base(message)
    {
    }

    public ReplicationStoppedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
