namespace FlexMigrate.Orchestration.Connections;

/// <summary>
/// Resolves a connection name to its connection string inside activities. Hosts implement it: the Functions app
/// from app settings (`ConnectionStrings__name`, Key Vault references), the CLI from its command line.
/// </summary>
public interface IConnectionCatalog
{
    /// <summary>The connection string for <paramref name="name"/>; throws <see cref="UnknownConnectionException"/> if none.</summary>
    string Resolve(string name);
}
