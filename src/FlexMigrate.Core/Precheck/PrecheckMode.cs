using System.Text.Json.Serialization;

namespace FlexMigrate.Core.Precheck;

/// <summary>The kind of migration being checked: online adds the binlog (change capture) rules.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PrecheckMode>))]
public enum PrecheckMode
{
    /// <summary>Copy once while the source is quiet.</summary>
    [JsonStringEnumMemberName("offline")]
    Offline,

    /// <summary>Copy, then replicate changes from the source binlog until cutover.</summary>
    [JsonStringEnumMemberName("online")]
    Online,
}
