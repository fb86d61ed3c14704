namespace FlexMigrate.Orchestration.Connections;

/// <summary>A fixed set of named connections (the CLI passes what the user typed; tests pass the local pair).</summary>
public sealed class DictionaryConnectionCatalog(IReadOnlyDictionary<string, string> connections) : IConnectionCatalog
{
    public string Resolve(string name) =>
        connections.TryGetValue(name, out var cs)
            ? cs
            : throw new UnknownConnectionException(name, $"Known names: {string.Join(", ", connections.Keys)}.");
}
