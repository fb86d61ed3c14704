using FlexMigrate.Core.Precheck;
using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Activities;

/// <summary>
/// First step of every migration: finds what would fail or damage it before anything is written. Read-only and
/// never throws for server problems (an unreachable server is itself an error finding).
/// </summary>
public sealed class PrecheckActivity(IConnectionCatalog connections) : TaskActivity<MigrationRequest, PrecheckReport>
{
    public override Task<PrecheckReport> RunAsync(TaskActivityContext context, MigrationRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var request = new PrecheckRequest(
            connections.Resolve(input.SourceConnection),
            connections.Resolve(input.TargetConnection),
            input.Databases,
            input.Options.Mode == MigrationMode.Online ? PrecheckMode.Online : PrecheckMode.Offline)
        {
            IncludeTables = input.Tables,
            ExcludeTables = input.ExcludeTables,
        };
        return new PrecheckRunner().RunAsync(request);
    }
}
