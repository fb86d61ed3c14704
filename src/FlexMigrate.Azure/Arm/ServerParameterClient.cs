using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Azure.Core;

namespace FlexMigrate.Azure.Arm;

/// <summary>
/// Reads and writes a server's parameters (<c>{server}/configurations/{name}</c>). Single Server writes with PUT
/// (2017-12-01 has no PATCH); Flexible Server with PATCH, which ARM runs as a long-running operation.
/// </summary>
internal sealed partial class ServerParameterClient(ArmRequestSender sender)
{
    public async Task<IReadOnlyDictionary<string, string>> ListAsync(ResourceIdentifier server, CancellationToken cancellationToken)
    {
        var kind = ArmApiVersions.KindOf(server);
        var call = new ArmCall("list server parameters", server.ToString(), $"{server.ResourceType}/configurations/read");
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        string? next = $"{server}/configurations?api-version={ArmApiVersions.ServerApiVersion(kind)}";
        while (next is not null)
        {
            var page = await sender.SendAsync(RequestMethod.Get, next, body: null, call, cancellationToken);
            foreach (var item in page?["value"]?.AsArray() ?? [])
            {
                var parameter = Read(item);
                result[parameter.Name] = parameter.Value;
            }

            // Flexible Server pages the list (nextLink is absolute and already carries the api-version).
            next = page?["nextLink"]?.GetValue<string>();
        }

        return result;
    }

    public async Task<ServerParameter> GetAsync(ResourceIdentifier server, string name, CancellationToken cancellationToken)
    {
        var kind = ArmApiVersions.KindOf(server);
        var call = new ArmCall($"read server parameter {name}", server.ToString(), $"{server.ResourceType}/configurations/read");
        var node = await sender.SendAsync(RequestMethod.Get, PathOf(server, kind, name), body: null, call, cancellationToken);
        return Read(node);
    }

    public async Task SetAsync(ResourceIdentifier server, string name, string value, CancellationToken cancellationToken)
    {
        var kind = ArmApiVersions.KindOf(server);
        var call = new ArmCall($"set server parameter {name} to '{value}'", server.ToString(), $"{server.ResourceType}/configurations/write");
        var body = new JsonObject
        {
            ["properties"] = new JsonObject { ["value"] = value, ["source"] = "user-override" },
        };
        var method = kind == AzureServerKind.FlexibleServer ? RequestMethod.Patch : RequestMethod.Put;
        await sender.SendAsync(method, PathOf(server, kind, name), body, call, cancellationToken);
    }

    private static string PathOf(ResourceIdentifier server, AzureServerKind kind, string name)
    {
        if (!ParameterName().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a MySQL server parameter name (letters, digits, '_' and '.').", nameof(name));
        }

        return $"{server}/configurations/{name.ToLowerInvariant()}?api-version={ArmApiVersions.ServerApiVersion(kind)}";
    }

    private static ServerParameter Read(JsonNode? node)
    {
        var name = node?["name"]?.GetValue<string>()
            ?? throw new FormatException("Resource Manager returned a configuration without a name.");
        var properties = node["properties"];
        return new ServerParameter(
            name.ToLowerInvariant(),
            properties?["value"]?.GetValue<string>() ?? string.Empty,
            IsTrue(properties?["isReadOnly"]),
            properties?["isDynamicConfig"] is null || IsTrue(properties["isDynamicConfig"]));
    }

    // Flexible Server sends these flags as strings ("True"/"False"), Single Server as nothing; accept booleans too.
    private static bool IsTrue(JsonNode? node) => node?.GetValueKind() switch
    {
        System.Text.Json.JsonValueKind.True => true,
        System.Text.Json.JsonValueKind.String => bool.TryParse(node.GetValue<string>(), out var flag) && flag,
        _ => false,
    };

    [GeneratedRegex("^[A-Za-z0-9_.]{1,128}$", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterName();
}
