using System.Text.Json;
using System.Text.Json.Serialization;

namespace FlexMigrate.Api;

/// <summary>JSON of the API in both hosts: camelCase, enums as camelCase strings.</summary>
public static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
