namespace FlexMigrate.Core.Copy;

/// <summary>A copy failed for a reason the user can act on; the message names the server or table and the fix.</summary>
public class CopyException : Exception
{
    public CopyException()
    {
    }

    public CopyException(string message)
        : base(message)
    {
    }

    public CopyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
