using System.Text.Json.Serialization;

namespace FlexMigrate.Core.Precheck;

/// <summary>How much a finding matters. Serialized as "error", "warning", "info".</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PrecheckSeverity>))]
public enum PrecheckSeverity
{
    /// <summary>Blocks the migration: it would fail or damage data.</summary>
    [JsonStringEnumMemberName("error")]
    Error,

    /// <summary>The migration runs, but something changes or may break; read it.</summary>
    [JsonStringEnumMemberName("warning")]
    Warning,

    /// <summary>Context (estimates, versions, settings that are fine).</summary>
    [JsonStringEnumMemberName("info")]
    Info,
}
