namespace FlexMigrate.Core.Schema;

/// <summary>Objects the migration would create already exist on the target and dropping them was not asked for.</summary>
public sealed class TargetConflictException : SchemaMigrationException
{
    public TargetConflictException()
    {
    }

    public TargetConflictException(string message)
        : base(message)
    {
    }

    public TargetConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TargetConflictException(string message, IReadOnlyList<string> conflicts)
        : base(message)
    {
        Conflicts = conflicts;
    }

    /// <summary>Each existing object, e.g. "table `db`.`t`".</summary>
    public IReadOnlyList<string> Conflicts { get; } = [];
}
