namespace FlexMigrate.Core.Replication;

/// <summary>
/// A cascade the source's InnoDB would have refused (deeper than 15 levels, or a cascaded update reaching a table
/// an enclosing update already changes), so the replicated change cannot have happened on the source as the target
/// sees it: the target's rows differ from the source's. Re-copy the tables named in the message.
/// </summary>
public sealed class ForeignKeyCascadeException : Exception
{
    public ForeignKeyCascadeException()
    {
    }

    public ForeignKeyCascadeException(string message)
        : base(message)
    {
    }

    public ForeignKeyCascadeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
