using System.Text.Json;
using FlexMigrate.Orchestration.Contracts;
using FlexMigrate.Orchestration.Control;

namespace FlexMigrate.Api;

/// <summary>The result of reading a control body or queue message: the command, or the errors per JSON field.</summary>
public sealed record ControlParse(string? MigrationId, ControlRequest? Request, IReadOnlyDictionary<string, string> Errors);

/// <summary>
/// Reads the body of `POST /api/migrations/{id}/control` (`{"action": "set", "name": "parallelism", "value": 2}`,
/// `{"action": "pause"}`) and the control queue's message (the same with `"migrationId"`, the cutover queue's
/// shape) into a <see cref="ControlRequest"/> checked by <see cref="ControlChanges.Validate"/>.
/// </summary>
public static class ControlRequestParser
{
    /// <param name="body">Raw JSON.</param>
    /// <param name="requestedBy">Recorded in the acknowledgement ("http", "queue", "dashboard").</param>
    /// <param name="requireMigrationId">Queue messages must name the migration; HTTP takes it from the route.</param>
    public static ControlParse Parse(string body, string requestedBy, bool requireMigrationId)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(body) ? "null" : body);
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            return Fail("body", $"Not valid JSON: {ex.Message.Split(" Path:")[0]}");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return Fail("body", "Send a JSON object, e.g. {\"action\": \"pause\"} or {\"action\": \"set\", \"name\": \"parallelism\", \"value\": 2}.");
        }

        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var migrationId = Text(root, "migrationId");
        if (requireMigrationId && string.IsNullOrWhiteSpace(migrationId))
        {
            errors["migrationId"] = "Name the migration to control (the id the start API returned).";
        }

        var action = Text(root, "action");
        if (string.IsNullOrWhiteSpace(action))
        {
            errors["action"] = "Say what to do: \"pause\", \"unpause\" or \"set\" (with name and value).";
            return new ControlParse(migrationId, null, errors);
        }

        var request = new ControlRequest(action.ToLowerInvariant(), Text(root, "name"), Text(root, "value"), requestedBy);
        if (ControlChanges.Validate(request) is { } problem)
        {
            errors[Field(request)] = problem;
        }

        return new ControlParse(migrationId, errors.Count > 0 ? null : request, errors);
    }

    // The field a refused command is wrong in: the action, the setting's name, or its value.
    private static string Field(ControlRequest request) =>
        request.Action != ControlChanges.Set ? "action"
        : request.Name is not null && ControlChanges.SettingNames.Contains(request.Name, StringComparer.OrdinalIgnoreCase) ? "value"
        : "name";

    // A string or a number, as text; null when absent.
    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Null => null,
                _ => value.GetRawText(),
            }
            : null;

    private static ControlParse Fail(string field, string message) => new(null, null, new Dictionary<string, string> { [field] = message });
}
