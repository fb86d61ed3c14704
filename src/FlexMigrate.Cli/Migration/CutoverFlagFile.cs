using System.Text.Json;
using System.Text.Json.Serialization;
using FlexMigrate.Orchestration.Contracts;
using FlexMigrate.Orchestration.Online;

namespace FlexMigrate.Cli.Migration;

/// <summary>
/// Cross-terminal cutover signalling for the CLI, like gh-ost's postpone flag file: `flexmigrate migrate --mode
/// online` watches a file named after the migration; `flexmigrate cutover &lt;id&gt;` (or any `touch`) creates it.
/// The file may hold a JSON <see cref="CutoverRequest"/>; an empty file means the defaults. The running migration
/// deletes it once it has raised the event, so a failed cutover waits for a new signal.
/// </summary>
internal static class CutoverFlagFile
{
    /// <summary>Environment variable that moves the flag directory (default: the temp directory's flexmigrate/).</summary>
    public const string DirectoryVariable = "FLEXMIGRATE_CUTOVER_DIR";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public static string DefaultDirectory =>
        Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } dir ? dir : Path.Combine(Path.GetTempPath(), "flexmigrate");

    public static string PathFor(string migrationId) => Path.Combine(DefaultDirectory, $"{migrationId}.cutover");

    /// <summary>
    /// The flag file of another switch event beside the cutover one: "&lt;id&gt;.rollback" and "&lt;id&gt;.finish" next to
    /// "&lt;id&gt;.cutover" (a --cutover-flag-file path gets the event as its extension); the cutover's own path unchanged.
    /// </summary>
    public static string Sibling(string cutoverPath, string eventName) =>
        eventName == OnlineMigrationOrchestrator.CutoverEvent ? cutoverPath : Path.ChangeExtension(cutoverPath, eventName);

    public static void Write(string path, CutoverRequest request)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(request, Json));
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>The request in the file when it exists (and removes it), else null.</summary>
    /// <exception cref="InvalidDataException">The file holds something that is not a cutover request.</exception>
    public static CutoverRequest? Take(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var text = File.ReadAllText(path);
        File.Delete(path);
        if (string.IsNullOrWhiteSpace(text))
        {
            return new CutoverRequest(RequestedBy: "flag-file");
        }

        try
        {
            return JsonSerializer.Deserialize<CutoverRequest>(text, Json) ?? new CutoverRequest(RequestedBy: "flag-file");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"Cutover flag file {path} is not a cutover request ({ex.Message}); it was removed, signal again.", ex);
        }
    }
}
