using FlexMigrate.Azure.Arm;
using FlexMigrate.Core.Precheck;
using FlexMigrate.Orchestration.Activities;
using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Azure;

/// <summary>Input of <see cref="AzurePrecheckActivity"/>: the migration and what Resource Manager said about its servers.</summary>
public sealed record AzurePrecheckStep(MigrationRequest Request, AzureDiscovery Discovery);

/// <summary>
/// The precheck of <see cref="PrecheckActivity"/>, told what the servers do not show themselves: the Azure server
/// parameters (Single Server hides some variables from SQL) and the target's provisioned storage; the Azure findings
/// (which Azure parameter to change) are merged into the report as rules "azure.&lt;parameter&gt;".
/// </summary>
public sealed class AzurePrecheckActivity(IConnectionCatalog connections) : TaskActivity<AzurePrecheckStep, PrecheckReport>
{
    public override async Task<PrecheckReport> RunAsync(TaskActivityContext context, AzurePrecheckStep input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (source, target, findings) = input.Discovery;
        var report = await PrecheckActivity.RunAsync(connections, input.Request, input.Request.MigrationId ?? context.InstanceId, request => request with
        {
            SourceServerParameters = source?.Parameters,
            TargetServerParameters = target?.Parameters,
            TargetFreeStorageBytes = FreeStorageBytes(target),
        });
        return findings.Count == 0 ? report : report with
        {
            Findings = [.. report.Findings.Concat(findings.Select(ToPrecheck))
                .OrderBy(f => f.Severity).ThenBy(f => f.Rule, StringComparer.Ordinal).ThenBy(f => f.Object, StringComparer.Ordinal)],
        };
    }

    /// <summary>
    /// Free storage for the capacity rule: ARM tells the provisioned size, not the used space, so this is the
    /// provisioned size (a migration target is normally empty); null with auto-grow, where storage is not the limit.
    /// </summary>
    internal static long? FreeStorageBytes(AzureServerInfo? target) =>
        target is null || target.StorageAutoGrow || target.StorageGb <= 0 ? null : target.StorageGb * 1024L * 1024 * 1024;

    internal static PrecheckFinding ToPrecheck(AzureFinding finding) => new(
        "azure." + finding.Setting.ToLowerInvariant(),
        finding.Severity switch
        {
            AzureFindingSeverity.Error => PrecheckSeverity.Error,
            AzureFindingSeverity.Warning => PrecheckSeverity.Warning,
            _ => PrecheckSeverity.Info,
        },
        finding.Server,
        finding.Message,
        $"Azure Resource Manager reports this setting of server {finding.Server}.",
        $"Change the Azure setting '{finding.Setting}' of server {finding.Server} (portal: the server's Server parameters or Overview page) as the message says.");
}
