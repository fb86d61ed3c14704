using System.Text.Json;

namespace FlexMigrate.Core.Precheck;

/// <summary>
/// The report's JSON form: `{"mode":..., "findings":[{"rule","severity","object","message","why","remedy"}], ...}`.
/// Property names are fixed by attributes, so any serializer options (e.g. the durable data converter) give the same shape.
/// </summary>
public static class PrecheckJson
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public static string Serialize(PrecheckReport report) => JsonSerializer.Serialize(report, Options);

    /// <exception cref="JsonException">The text is not a precheck report.</exception>
    public static PrecheckReport Deserialize(string json) =>
        JsonSerializer.Deserialize<PrecheckReport>(json, Options)
        ?? throw new JsonException("The JSON text is 'null', not a precheck report.");
}
