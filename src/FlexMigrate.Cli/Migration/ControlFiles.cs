using System.Text.Json;
using FlexMigrate.Orchestration.Contracts;

namespace FlexMigrate.Cli.Migration;

/// <summary>
/// Cross-terminal control for the CLI, over the cutover's channel (<see cref="CutoverFlagFile"/>): `flexmigrate
/// control &lt;id&gt; ...` writes one small JSON file per command into the flag directory; the running `flexmigrate
/// migrate` takes them in the order they were written, raises each as the control event and deletes it.
/// </summary>
internal static class ControlFiles
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Writes <paramref name="command"/> for <paramref name="migrationId"/>; returns the file's path.</summary>
    public static string Write(string migrationId, ControlRequest command)
    {
        Directory.CreateDirectory(CutoverFlagFile.DefaultDirectory);
        // Sortable by time, unique within a tick: the order of the files is the order of the commands.
        var path = Path.Combine(CutoverFlagFile.DefaultDirectory, $"{migrationId}.control.{DateTime.UtcNow.Ticks:D19}-{Guid.NewGuid():N}.json");
        var temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(command, Json));
        File.Move(temp, path);
        return path;
    }

    /// <summary>The commands waiting for <paramref name="migrationId"/>, oldest first, each removed as it is read.</summary>
    /// <param name="migrationId">The running migration.</param>
    /// <param name="diagnostics">Where a garbled file is reported (it is removed: signal again).</param>
    public static IReadOnlyList<ControlRequest> Take(string migrationId, TextWriter diagnostics)
    {
        if (!Directory.Exists(CutoverFlagFile.DefaultDirectory))
        {
            return [];
        }

        var commands = new List<ControlRequest>();
        foreach (var path in Directory.GetFiles(CutoverFlagFile.DefaultDirectory, $"{migrationId}.control.*.json").Order(StringComparer.Ordinal))
        {
            var text = File.ReadAllText(path);
            File.Delete(path);
            try
            {
                commands.Add(JsonSerializer.Deserialize<ControlRequest>(text, Json) ?? throw new JsonException("empty"));
            }
            catch (JsonException ex)
            {
                diagnostics.WriteLine($"Control file {path} is not a control command ({ex.Message}); it was removed, send the command again.");
            }
        }

        return commands;
    }
}
