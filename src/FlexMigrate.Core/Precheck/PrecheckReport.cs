using System.Text.Json.Serialization;

namespace FlexMigrate.Core.Precheck;

/// <summary>
/// Everything the precheck found, ready to print or to return as JSON (<see cref="PrecheckJson"/>). Small and
/// serializable: it travels as a durable activity result and as the body of POST /api/precheck.
/// </summary>
/// <param name="Mode">The mode that was checked.</param>
/// <param name="SourceVersion">Version string of the source, null when unreachable.</param>
/// <param name="TargetVersion">Version string of the target, null when unreachable.</param>
/// <param name="Findings">Errors first, then warnings, then info; within a severity by rule and object.</param>
/// <param name="Capacity">Sizes and the duration estimate.</param>
/// <param name="DurationSeconds">How long the precheck itself took.</param>
public sealed record PrecheckReport(
    [property: JsonPropertyName("mode")] PrecheckMode Mode,
    [property: JsonPropertyName("sourceVersion")] string? SourceVersion,
    [property: JsonPropertyName("targetVersion")] string? TargetVersion,
    [property: JsonPropertyName("findings")] IReadOnlyList<PrecheckFinding> Findings,
    [property: JsonPropertyName("capacity")] PrecheckCapacity Capacity,
    [property: JsonPropertyName("durationSeconds")] double DurationSeconds)
{
    /// <summary>True when at least one finding blocks the migration.</summary>
    [JsonPropertyName("hasErrors")]
    public bool HasErrors => Findings.Any(f => f.Severity == PrecheckSeverity.Error);

    public int Count(PrecheckSeverity severity) => Findings.Count(f => f.Severity == severity);
}
