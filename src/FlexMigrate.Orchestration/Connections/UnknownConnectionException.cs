namespace FlexMigrate.Orchestration.Connections;

/// <summary>A migration names a connection the host does not know.</summary>
public sealed class UnknownConnectionException(string name, string whereToConfigure)
    : Exception($"Connection '{name}' is not configured. {whereToConfigure}")
{
    public string ConnectionName { get; } = name;
}
