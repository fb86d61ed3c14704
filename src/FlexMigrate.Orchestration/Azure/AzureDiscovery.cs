using FlexMigrate.Azure.Arm;

namespace FlexMigrate.Orchestration.Azure;

/// <summary>
/// Output of <see cref="DiscoverAzureServersActivity"/>: the servers as Resource Manager describes them (null when the
/// migration named no resource id for that side) and the Azure findings for the precheck. Lands in durable history,
/// so plans made from it in an orchestrator replay identically.
/// </summary>
public sealed record AzureDiscovery(AzureServerInfo? Source, AzureServerInfo? Target, IReadOnlyList<AzureFinding> Findings);
