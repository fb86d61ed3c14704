using FlexMigrate.Orchestration.Connections;
using Microsoft.Extensions.Configuration;

namespace FlexMigrate.Functions;

/// <summary>
/// Resolves connection names from app settings `ConnectionStrings__{name}` (in Azure, Key Vault references), so
/// requests, durable history and status only ever carry the name.
/// </summary>
public sealed class ConfigurationConnectionCatalog(IConfiguration configuration) : IConnectionCatalog
{
    public string Resolve(string name) =>
        configuration.GetConnectionString(name) is { Length: > 0 } cs
            ? cs
            : throw new UnknownConnectionException(name, $"Add the app setting ConnectionStrings__{name} (a Key Vault reference in Azure).");

    /// <summary>True when <paramref name="name"/> is configured; used to reject a request before starting it.</summary>
    public bool IsConfigured(string name) => !string.IsNullOrEmpty(configuration.GetConnectionString(name));
}
