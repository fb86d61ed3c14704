namespace FlexMigrate.Core.Schema;

/// <summary>The user's database/table selection is malformed or names something the source does not have (bad input).</summary>
public sealed class SchemaSelectionException : Exception
{
    public SchemaSelectionException()
    {
    }

    public SchemaSelectionException(string message)
        : base(message)
    {
    }

    public SchemaSelectionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
