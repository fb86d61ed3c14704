using System.Text.Json;
using System.Text.Json.Serialization;
using FlexMigrate.Orchestration.Contracts;

namespace FlexMigrate.Api;

/// <summary>The result of reading a cutover body or queue message: the request, or the errors per JSON field.</summary>
public sealed record CutoverParse(string? MigrationId, CutoverRequest? Request, IReadOnlyDictionary<string, string> Errors);

/// <summary>
/// Reads the cutover body of `POST /api/migrations/{id}/cutover` (all fields optional) and the queue message
/// `{"migrationId": "...", ...}` into a <see cref="CutoverRequest"/>, naming every bad field.
/// </summary>
public static class CutoverRequestParser
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <param name="body">Raw JSON (empty for the defaults).</param>
    /// <param name="requestedBy">Recorded in the report ("http", "queue").</param>
    /// <param name="requireMigrationId">Queue messages must name the migration; HTTP takes it from the route.</param>
    public static CutoverParse Parse(string body, string requestedBy, bool requireMigrationId)
    {
        CutoverBody? parsed;
        try
        {
            parsed = string.IsNullOrWhiteSpace(body) ? new CutoverBody() : JsonSerializer.Deserialize<CutoverBody>(body, Json);
        }
        catch (JsonException ex)
        {
            var field = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "body" : ex.Path.TrimStart('$', '.');
            return Fail(field, $"Not valid JSON for this field: {ex.Message.Split(" Path:")[0]}");
        }

        if (parsed is null)
        {
            return Fail("body", "Send a JSON object, e.g. {\"stopWrites\": \"readOnly\", \"timeoutSeconds\": 300}, or no body.");
        }

        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (requireMigrationId && string.IsNullOrWhiteSpace(parsed.MigrationId))
        {
            errors["migrationId"] = "Name the migration to cut over (the id the start API returned).";
        }

        var stopWrites = StopWritesMode.ReadOnly;
        switch (parsed.StopWrites?.ToLowerInvariant())
        {
            case null or "readonly" or "read-only":
                break;
            case "confirmed":
                stopWrites = StopWritesMode.Confirmed;
                break;
            default:
                errors["stopWrites"] = $"'{parsed.StopWrites}' is not a mode: use \"readOnly\" (FlexMigrate sets the source read-only) or \"confirmed\" (you stopped the applications).";
                break;
        }

        if (parsed.TimeoutSeconds is < 1 or > 86_400)
        {
            errors["timeoutSeconds"] = "Must be from 1 to 86400.";
        }

        return errors.Count > 0
            ? new CutoverParse(parsed.MigrationId, null, errors)
            : new CutoverParse(parsed.MigrationId, new CutoverRequest(stopWrites, parsed.TimeoutSeconds ?? 300, requestedBy), errors);
    }

    private static CutoverParse Fail(string field, string message) => new(null, null, new Dictionary<string, string> { [field] = message });

    private sealed record CutoverBody(
        [property: JsonPropertyName("migrationId")] string? MigrationId = null,
        [property: JsonPropertyName("stopWrites")] string? StopWrites = null,
        [property: JsonPropertyName("timeoutSeconds")] int? TimeoutSeconds = null);
}
