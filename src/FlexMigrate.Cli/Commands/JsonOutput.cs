using System.Text.Json;
using System.Text.Json.Serialization;

namespace FlexMigrate.Cli.Commands;

/// <summary>JSON as the CLI writes it for scripts: camelCase, enums as strings, indented.</summary>
internal static class JsonOutput
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static async Task WriteFileAsync<T>(string path, T value, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await File.WriteAllTextAsync(full, Serialize(value) + "\n", cancellationToken);
    }
}
