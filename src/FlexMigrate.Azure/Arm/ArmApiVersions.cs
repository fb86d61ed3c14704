using Azure.Core;

namespace FlexMigrate.Azure.Arm;

/// <summary>
/// The ARM resource types and api-versions this library speaks. Fixed on purpose: pinning them makes the request and
/// response shapes known, and setting them on the client skips the provider api-version lookup (stack-facts.md).
/// </summary>
internal static class ArmApiVersions
{
    public static readonly ResourceType SingleServerType = new("Microsoft.DBforMySQL/servers");
    public static readonly ResourceType FlexibleServerType = new("Microsoft.DBforMySQL/flexibleServers");

    /// <summary>Single Server GET/PATCH and configurations.</summary>
    public const string SingleServer = "2017-12-01";

    /// <summary>Single Server start/stop exist only from 2020-01-01 (ServerStartStop in the REST spec), not in 2017-12-01.</summary>
    public const string SingleServerStartStop = "2020-01-01";

    /// <summary>Flexible Server GET/PATCH, configurations, POST start/stop.</summary>
    public const string FlexibleServer = "2023-12-30";

    public static AzureServerKind KindOf(ResourceIdentifier id)
    {
        if (id.ResourceType == FlexibleServerType)
        {
            return AzureServerKind.FlexibleServer;
        }

        if (id.ResourceType == SingleServerType)
        {
            return AzureServerKind.SingleServer;
        }

        throw new ArgumentException(
            $"Resource id '{id}' is a {id.ResourceType}, not an Azure Database for MySQL server: pass the id of a " +
            "Microsoft.DBforMySQL/servers (Single Server) or Microsoft.DBforMySQL/flexibleServers resource.",
            nameof(id));
    }

    public static string ServerApiVersion(AzureServerKind kind) =>
        kind == AzureServerKind.FlexibleServer ? FlexibleServer : SingleServer;

    public static string StartStopApiVersion(AzureServerKind kind) =>
        kind == AzureServerKind.FlexibleServer ? FlexibleServer : SingleServerStartStop;
}
