namespace FlexMigrate.Core;

/// <summary>
/// A failure only the user can fix (a missing database, a rejected object, a missing privilege, a table already on
/// the target). The message names the server and object and says what to do. Durable retries skip these: trying
/// again cannot help, and the user should see the message at once.
/// </summary>
public class UserActionRequiredException : Exception
{
    public UserActionRequiredException(string message)
        : base(message)
    {
    }

    public UserActionRequiredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public UserActionRequiredException()
    {
    }
}
