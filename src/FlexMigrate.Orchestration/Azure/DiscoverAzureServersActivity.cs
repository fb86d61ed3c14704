using FlexMigrate.Azure.Arm;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Azure;

/// <summary>Input of <see cref="DiscoverAzureServersActivity"/>.</summary>
/// <param name="Azure">The resource ids of the migration.</param>
/// <param name="Online">An online migration, whose precheck also needs binary logging kept long enough on the source.</param>
public sealed record AzureDiscoveryStep(AzureMigrationOptions Azure, bool Online);

/// <summary>
/// Reads the source and target servers from Resource Manager (version, SKU, storage, state, replication role, every
/// server parameter) and compares their Azure settings (<see cref="AzureParameterAdvisor"/>). Read-only (Reader role).
/// </summary>
public sealed class DiscoverAzureServersActivity(ArmConnection? arm = null) : TaskActivity<AzureDiscoveryStep, AzureDiscovery>
{
    /// <summary>
    /// Binlog retention an online migration asks of the source: a full load of a large server (hours) plus a day of
    /// margin for a cutover that waits. The precheck's own binlog rule compares with its duration estimate too.
    /// </summary>
    public static readonly TimeSpan MinimumBinlogRetention = TimeSpan.FromDays(1);

    public override async Task<AzureDiscovery> RunAsync(TaskActivityContext context, AzureDiscoveryStep input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var discovery = new AzureServerDiscovery(AzureArm.Resolve(arm));
        var source = input.Azure.SourceResourceId is { Length: > 0 } s ? await discovery.DiscoverAsync(s) : null;
        var target = input.Azure.TargetResourceId is { Length: > 0 } t ? await discovery.DiscoverAsync(t) : null;
        var findings = source is not null && target is not null
            ? AzureParameterAdvisor.Check(source, target, input.Online, MinimumBinlogRetention)
            : [];
        return new AzureDiscovery(source, target, findings);
    }
}
