using FlexMigrate.Azure.Arm;
using FlexMigrate.Orchestration.Contracts;

namespace FlexMigrate.Orchestration.Azure;

/// <summary>
/// What FlexMigrate changes on the target for the load. Pure, so the orchestrator plans from the discovered snapshot
/// (in history) and a replay plans the same list.
/// </summary>
public static class AzureTuning
{
    /// <summary>
    /// Dynamic Flexible Server parameters set for the load (the Azure DMS and Flexible Server migration guidance names
    /// these): 1 GiB packets so no row or multi-row insert is refused, and one-hour network timeouts so a long
    /// LOAD DATA or index build is not cut off. Static parameters (innodb_buffer_pool_size ...) are never changed here:
    /// they need a restart; scale the SKU instead.
    /// </summary>
    public static IReadOnlyDictionary<string, string> LoadParameters { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["max_allowed_packet"] = "1073741824",
        ["net_read_timeout"] = "3600",
        ["net_write_timeout"] = "3600",
    };

    /// <summary>
    /// The changes for <paramref name="options"/>: the SKU first (a scale restarts the server, so parameters come after
    /// it), then the load parameters the target has. Restore runs in reverse order.
    /// </summary>
    public static IReadOnlyList<AzureChange> Plan(AzureMigrationOptions options, AzureDiscovery discovery)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(discovery);
        if (discovery.Target is not { } target)
        {
            return [];
        }

        var changes = new List<AzureChange>();
        if (options.ScaleTargetSku is { Length: > 0 } sku && AzureServerTuner.PlanScale(target, WithTier(AzureSku.Parse(sku), target.Sku)) is { } scale)
        {
            changes.Add(scale);
        }

        if (options.TuneTarget)
        {
            var present = LoadParameters.Where(p => target.Parameter(p.Key) is not null).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
            changes.AddRange(AzureServerTuner.PlanParameters(target, present));
        }

        return changes;
    }

    // "Standard_D8ds_v4" alone keeps the server's tier (GeneralPurpose); a new tier must be named explicitly.
    private static AzureSku WithTier(AzureSku requested, AzureSku current) =>
        requested.Tier.Length == 0 ? requested with { Tier = current.Tier } : requested;
}
