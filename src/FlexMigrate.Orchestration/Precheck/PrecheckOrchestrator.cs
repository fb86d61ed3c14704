using FlexMigrate.Core.Precheck;
using FlexMigrate.Orchestration.Azure;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Precheck;

/// <summary>
/// The precheck alone (`POST /api/precheck`), through exactly the steps a migration starts with
/// (<see cref="AzureSteps.DiscoverAsync"/> then <see cref="AzureSteps.PrecheckAsync"/>): Resource Manager discovery
/// when the request names Azure servers, the same rules and the same --drop-existing downgrade, so it never reports
/// an error the migration would only warn about, or the reverse. Writes nothing. Deterministic: no I/O here.
/// </summary>
public sealed class PrecheckOrchestrator : TaskOrchestrator<MigrationRequest, PrecheckReport>
{
    public override async Task<PrecheckReport> RunAsync(TaskOrchestrationContext context, MigrationRequest input) =>
        await AzureSteps.PrecheckAsync(context, input, await AzureSteps.DiscoverAsync(context, input));
}
