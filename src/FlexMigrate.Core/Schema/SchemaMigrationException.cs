namespace FlexMigrate.Core.Schema;

/// <summary>
/// A schema step failed on a named object: a source object could not be read, or the target rejected DDL.
/// The message names the server, the object, the server's error and what to do.
/// </summary>
public class SchemaMigrationException : Exception
{
    public SchemaMigrationException()
    {
    }

    public SchemaMigrationException(string message)
        : base(message)
    {
    }

    public SchemaMigrationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SchemaMigrationException(string message, string? objectName, int? serverErrorCode, Exception? innerException)
        : base(message, innerException)
    {
        ObjectName = objectName;
        ServerErrorCode = serverErrorCode;
    }

    /// <summary>The object concerned, quoted as in SQL, when there is one.</summary>
    public string? ObjectName { get; }

    /// <summary>The MySQL/MariaDB error number the server returned, when it returned one.</summary>
    public int? ServerErrorCode { get; }
}
