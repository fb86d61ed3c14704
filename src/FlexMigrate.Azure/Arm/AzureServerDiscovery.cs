using System.Text.Json.Nodes;
using Azure;
using Azure.Core;
using Azure.ResourceManager.Resources;

namespace FlexMigrate.Azure.Arm;

/// <summary>
/// Reads a MySQL server's facts from Resource Manager: a Single Server (<c>Microsoft.DBforMySQL/servers</c>, api
/// 2017-12-01) or a Flexible Server (<c>Microsoft.DBforMySQL/flexibleServers</c>, api 2023-12-30), with its server
/// parameters. Needs only read permission (the Reader role) on the server.
/// </summary>
public sealed class AzureServerDiscovery
{
    private readonly ArmConnection connection;
    private readonly ServerParameterClient parameters;

    public AzureServerDiscovery(ArmConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        this.connection = connection;
        parameters = new ServerParameterClient(connection.Sender);
    }

    /// <summary>Reads the server and all its parameters.</summary>
    /// <exception cref="ArgumentException">The id is malformed or not a MySQL server.</exception>
    /// <exception cref="AzureArmException">ARM refused (403 names the missing permission, 404 the resource).</exception>
    public async Task<AzureServerInfo> DiscoverAsync(string resourceId, CancellationToken cancellationToken = default)
    {
        var id = ParseServerId(resourceId);
        var kind = ArmApiVersions.KindOf(id);
        var data = await ReadServerAsync(id, cancellationToken);
        var serverParameters = await parameters.ListAsync(id, cancellationToken);
        return Map(id, kind, data, serverParameters);
    }

    internal static ResourceIdentifier ParseServerId(string resourceId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(resourceId);
        ResourceIdentifier id;
        try
        {
            id = ResourceIdentifier.Parse(resourceId.Trim());
        }
        catch (FormatException e)
        {
            throw new ArgumentException(
                $"'{resourceId}' is not an Azure resource id; copy it from the server's JSON view in the portal " +
                "(/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.DBforMySQL/flexibleServers/<name>).",
                nameof(resourceId), e);
        }

        _ = ArmApiVersions.KindOf(id);
        return id;
    }

    internal async Task<GenericResourceData> ReadServerAsync(ResourceIdentifier id, CancellationToken cancellationToken)
    {
        try
        {
            var response = await connection.Client.GetGenericResource(id).GetAsync(cancellationToken);
            return response.Value.Data;
        }
        catch (RequestFailedException e)
        {
            throw ArmErrorTranslator.Translate(e, "read server", id.ToString(), $"{id.ResourceType}/read");
        }
    }

    internal static AzureServerInfo Map(
        ResourceIdentifier id, AzureServerKind kind, GenericResourceData data, IReadOnlyDictionary<string, string> parameters)
    {
        var p = data.Properties is null ? new JsonObject() : JsonNode.Parse(data.Properties.ToString()) ?? new JsonObject();
        var sku = new AzureSku(data.Sku?.Name ?? string.Empty, data.Sku?.Tier ?? string.Empty);
        var single = kind == AzureServerKind.SingleServer;
        return new AzureServerInfo(
            id.ToString(),
            kind,
            id.Name,
            data.Location.Name,
            Text(p["version"]),
            sku,
            single ? Number(p["storageProfile"]?["storageMB"]) / 1024 : Number(p["storage"]?["storageSizeGB"]),
            Text(single ? p["storageProfile"]?["storageAutogrow"] : p["storage"]?["autoGrow"]) == "Enabled",
            Number(single ? p["storageProfile"]?["backupRetentionDays"] : p["backup"]?["backupRetentionDays"]),
            Text(single ? p["userVisibleState"] : p["state"]),
            Text(p["replicationRole"]) is { Length: > 0 } role ? role : "None",
            single ? string.Empty : Text(p["highAvailability"]?["mode"]),
            Text(p["fullyQualifiedDomainName"]),
            parameters);
    }

    private static string Text(JsonNode? node) =>
        node?.GetValueKind() == System.Text.Json.JsonValueKind.String ? node.GetValue<string>() : node?.ToJsonString() ?? string.Empty;

    private static int Number(JsonNode? node) =>
        node?.GetValueKind() == System.Text.Json.JsonValueKind.Number ? node.GetValue<int>() : 0;
}
