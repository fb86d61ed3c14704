using System.Text.Json.Serialization;

namespace FlexMigrate.Core.Precheck;

/// <summary>
/// One problem (or fact) the precheck found. <see cref="Rule"/> ids are stable: scripts and dashboards may match on them.
/// Messages never contain passwords or connection strings.
/// </summary>
/// <param name="Rule">Stable id, "group.name", e.g. "online.binlog-format".</param>
/// <param name="Severity">Error blocks the migration.</param>
/// <param name="Object">What it is about: "source", "target", a database, "db.table", "db.routine" ...</param>
/// <param name="Message">What was found, with the observed values.</param>
/// <param name="Why">Why it matters for the migration.</param>
/// <param name="Remedy">The fix: an exact command or Azure server parameter where there is one.</param>
public sealed record PrecheckFinding(
    [property: JsonPropertyName("rule")] string Rule,
    [property: JsonPropertyName("severity")] PrecheckSeverity Severity,
    [property: JsonPropertyName("object")] string Object,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("why")] string Why,
    [property: JsonPropertyName("remedy")] string Remedy);
