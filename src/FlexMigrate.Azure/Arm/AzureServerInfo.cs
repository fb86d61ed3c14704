namespace FlexMigrate.Azure.Arm;

/// <summary>
/// What Resource Manager says about one MySQL server: offering, version, SKU, storage, state, replication role, and its
/// server parameters (the <c>configurations</c> child resources: lower-case name to current value). Serializable, so it
/// can pass through durable history and be handed to the precheck. No secrets: ARM never returns passwords.
/// </summary>
/// <param name="ResourceId">The full ARM id, e.g. /subscriptions/.../providers/Microsoft.DBforMySQL/flexibleServers/name.</param>
/// <param name="Version">Major version as ARM reports it: "5.6", "5.7", "8.0" (Single) or "5.7", "8.0.21" (Flexible).</param>
/// <param name="State">Single Server userVisibleState or Flexible Server state: Ready, Stopped, Updating, Disabled ...</param>
/// <param name="ReplicationRole">None, Master/Replica (Single) or None/Source/Replica (Flexible).</param>
/// <param name="StorageGb">Provisioned storage in GiB (Single Server's storageMB / 1024).</param>
/// <param name="StorageAutoGrow">True when storage grows automatically.</param>
/// <param name="BackupRetentionDays">Backup retention; 0 when ARM did not say.</param>
/// <param name="HighAvailability">Flexible Server HA mode (Disabled, ZoneRedundant, SameZone); empty for Single Server.</param>
/// <param name="Parameters">Server parameters by lower-case name, e.g. log_bin, binlog_expire_logs_seconds,
/// lower_case_table_names, time_zone, sql_mode, max_allowed_packet.</param>
public sealed record AzureServerInfo(
    string ResourceId,
    AzureServerKind Kind,
    string Name,
    string Location,
    string Version,
    AzureSku Sku,
    int StorageGb,
    bool StorageAutoGrow,
    int BackupRetentionDays,
    string State,
    string ReplicationRole,
    string HighAvailability,
    string FullyQualifiedDomainName,
    IReadOnlyDictionary<string, string> Parameters)
{
    /// <summary>A parameter's value, or null when the server does not have it (names are compared case-insensitively).</summary>
    public string? Parameter(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Parameters.TryGetValue(name.ToLowerInvariant(), out var value) ? value : null;
    }
}
